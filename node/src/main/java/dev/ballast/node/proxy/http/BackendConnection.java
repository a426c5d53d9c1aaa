package dev.ballast.node.proxy.http;

import dev.ballast.node.balance.Server;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.ReferenceCountUtil;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The proxy's end of one connection to a server: hands what the server sends to the exchange that uses the
 * connection, or, while the connection waits in the keep-alive pool, watches it for a close (and closes it on any
 * unexpected byte: an idle connection that talks is not in a known state). Event-loop confined.
 */
final class BackendConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LogManager.getLogger(BackendConnection.class);

    private final Server server;
    private Channel channel;
    private Exchange exchange;
    private BackendConnectionPool idleIn;
    private long idleSinceNanos;

    BackendConnection(Server server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    Server server() {
        return server;
    }

    Channel channel() {
        return channel;
    }

    /** The exchange now owns the connection. */
    void assign(Exchange owner) {
        exchange = owner;
        idleIn = null;
    }

    /** The exchange lets go of the connection (to pool or close it). */
    void unassign() {
        exchange = null;
        channel.config().setAutoRead(true);
    }

    void parkedIn(BackendConnectionPool pool, long nowNanos) {
        idleIn = pool;
        idleSinceNanos = nowNanos;
    }

    void unparked() {
        idleIn = null;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** Stops speaking HTTP on this connection: from now on its bytes reach the exchange as they come. */
    void switchToTunnel() {
        channel.pipeline().remove(HttpClientCodec.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange != null) {
            exchange.onBackendRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        LOG.debug("Server {} sent data on an idle connection; closing it", server);
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onBackendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onBackendWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            Exchange owner = exchange;
            exchange = null;
            owner.onBackendClosed(null);
        } else if (idleIn != null) {
            idleIn.forget(this);
            idleIn = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            Exchange owner = exchange;
            exchange = null;
            owner.onBackendClosed(cause);
        } else {
            LOG.debug("Idle connection to server {} failed: {}", server, cause.toString());
        }
        ctx.close();
    }
}
