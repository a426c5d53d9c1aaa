package dev.ballast.node.admin;

import dev.ballast.node.config.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The admin API's HTTP/1.1 listener: one NIO event-loop thread of its own, so that neither a slow admin request
 * nor a busy data plane holds up the other. Request heads are bounded by the codec, bodies by
 * {@link #MAX_BODY_BYTES} (413 beyond it); connections idle for a minute are closed.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(AdminServer.class);
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final EventLoopGroup group;
    private final Channel listener;
    private final ChannelGroup connections;

    private AdminServer(EventLoopGroup group, Channel listener, ChannelGroup connections) {
        this.group = group;
        this.listener = listener;
        this.connections = connections;
    }

    /** @throws IllegalStateException when the address cannot be listened on, naming it */
    public static AdminServer start(HostPort bind, AdminApi api) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup("admin-connections", group.next());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline()
                                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, 8192))
                                .addLast(new BodyLimit())
                                .addLast(new AdminHttpHandler(api));
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(bind.host(), bind.port())).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw new IllegalStateException("cannot listen on " + bind + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        LOG.info("Admin API listening on http://{} (stats page: /stats)", hostPort(bound.channel()));
        return new AdminServer(group, bound.channel(), connections);
    }

    /** The address actually listened on (its port is known here when the configuration said 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(); // keep-alive clients see the end at once, not a silent socket
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("Admin API stopped");
    }

    private static String hostPort(Channel channel) {
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    /**
     * Aggregates a request body up to the limit; a larger one gets a JSON 413 and the connection is closed. The 413
     * goes out while the client is still sending the body: closing at once, with that body unread, would make the
     * kernel answer with a reset that can discard the 413 before the client reads it. So the node only ends its
     * own side, goes on reading (the aggregator discards the rest of the body) and closes when the client does, or
     * after {@link #OVERSIZED_LINGER_MILLIS}.
     */
    private static final class BodyLimit extends HttpObjectAggregator {

        private static final long OVERSIZED_LINGER_MILLIS = 2_000;

        BodyLimit() {
            super(MAX_BODY_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            AdminResponse reply = AdminApi.errorResponse(new ApiException(413,
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes"));
            if (!(ctx.channel() instanceof DuplexChannel duplex)) {
                AdminHttpHandler.write(ctx, reply, false);
                return;
            }
            AdminHttpHandler.writeLastResponse(ctx, reply).addListener(written -> {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), OVERSIZED_LINGER_MILLIS, TimeUnit.MILLISECONDS);
            });
        }
    }
}
