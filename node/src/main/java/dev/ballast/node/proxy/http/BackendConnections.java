package dev.ballast.node.proxy.http;

import dev.ballast.node.balance.Server;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.proxy.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Connections from this node to servers: a keep-alive pool per event loop, and new connections opened on the event
 * loop of the client connection that needs them. Server addresses are resolved once, when the node starts.
 */
public final class BackendConnections {

    /** Limits on what a server may send: generous, a server is trusted more than a client. */
    private static final int MAX_STATUS_LINE = 8 * 1024;
    private static final int MAX_RESPONSE_HEADERS = 64 * 1024;
    private static final int MAX_CONTENT_PIECE = 64 * 1024;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final Bootstrap bootstrap;
    private final Map<Server, InetSocketAddress> addresses = new IdentityHashMap<>();
    private final Map<EventExecutor, BackendConnectionPool> pools = new IdentityHashMap<>();

    public BackendConnections(Transport transport, Collection<Backend> backends) {
        for (Backend backend : backends) {
            for (Server server : backend.servers()) {
                InetSocketAddress address = new InetSocketAddress(server.address().host(), server.address().port());
                if (address.isUnresolved()) {
                    throw new IllegalArgumentException("Server " + server + ": cannot resolve host '"
                            + server.address().host() + "'");
                }
                addresses.put(server, address);
            }
        }
        for (EventExecutor loop : transport.group()) {
            pools.put(loop, new BackendConnectionPool(loop, backends));
        }
        this.bootstrap = new Bootstrap()
                .channel(transport.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
    }

    /** @return an idle pooled connection to the server on this loop, or null */
    BackendConnection takeIdle(EventLoop loop, Server server) {
        return pool(loop).take(server);
    }

    /** Parks a connection whose exchange ended cleanly; closes it when the pool is full. */
    void release(EventLoop loop, BackendConnection connection) {
        connection.unassign();
        if (!pool(loop).offer(connection)) {
            connection.channel().close();
        }
    }

    /** Opens a new connection to the server on the given loop; the future fails after {@code timeout}. */
    ChannelFuture connect(EventLoop loop, Server server, Duration timeout) {
        InetSocketAddress address = addresses.get(server);
        if (address == null) {
            throw new IllegalArgumentException(server + " is unknown to this node");
        }
        return bootstrap.clone(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(MAX_STATUS_LINE)
                                        .setMaxHeaderSize(MAX_RESPONSE_HEADERS)
                                        .setMaxChunkSize(MAX_CONTENT_PIECE), false, false))
                                .addLast(new BackendConnection(server));
                    }
                })
                .connect(address);
    }

    /** Write-buffer limits of proxied connections, both sides: beyond the high mark the peer stops being read. */
    public static WriteBufferWaterMark waterMark() {
        return WATER_MARK;
    }

    private BackendConnectionPool pool(EventExecutor loop) {
        BackendConnectionPool pool = pools.get(loop);
        if (pool == null) {
            throw new IllegalStateException("Event loop " + loop + " does not belong to this node's transport");
        }
        return pool;
    }
}
