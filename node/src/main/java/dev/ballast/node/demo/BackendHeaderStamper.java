package dev.ballast.node.demo;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;

/**
 * Adds {@code X-Backend: NAME} to every response written after it in the pipeline, including the ones Netty's own
 * handlers write (100 Continue, the WebSocket handshake), so a client always sees which backend answered.
 */
@ChannelHandler.Sharable
final class BackendHeaderStamper extends ChannelOutboundHandlerAdapter {

    static final AsciiString X_BACKEND = AsciiString.cached("X-Backend");

    private final AsciiString backendName;

    BackendHeaderStamper(AsciiString backendName) {
        this.backendName = backendName;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            response.headers().set(X_BACKEND, backendName);
        }
        ctx.write(msg, promise);
    }
}
