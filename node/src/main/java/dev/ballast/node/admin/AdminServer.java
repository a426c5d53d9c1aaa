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
import io.netty.channel.nio.NioIoHandler;
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

    private AdminServer(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    /** @throws IllegalStateException when the address cannot be listened on, naming it */
    public static AdminServer start(HostPort bind, AdminApi api) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
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
            throw new IllegalStateException("admin API: cannot listen on " + bind + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        LOG.info("Admin API listening on http://{} (stats page: /stats)", hostPort(bound.channel()));
        return new AdminServer(group, bound.channel());
    }

    /** The address actually listened on (its port is known here when the configuration said 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("Admin API stopped");
    }

    private static String hostPort(Channel channel) {
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    /** Aggregates a request body up to the limit; a larger one gets a JSON 413 and the connection is closed. */
    private static final class BodyLimit extends HttpObjectAggregator {

        BodyLimit() {
            super(MAX_BODY_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            AdminHttpHandler.write(ctx, AdminApi.errorResponse(new ApiException(413,
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes")), false);
        }
    }
}
