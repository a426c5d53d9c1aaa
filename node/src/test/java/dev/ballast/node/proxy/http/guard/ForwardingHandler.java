package dev.ballast.node.proxy.http.guard;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The test's stand-in for the proxy behind the guard: re-encodes every request it is given and writes
 * it to the recording backend over a plain socket (blocking, loopback, test only), then answers 200.
 */
final class ForwardingHandler extends ChannelInboundHandlerAdapter {

    private final int backendPort;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
    private Socket backend;

    ForwardingHandler(int backendPort) {
        this.backendPort = backendPort;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
        boolean last = msg instanceof LastHttpContent;
        encoder.writeOutbound((HttpObject) msg);
        OutputStream out = backend().getOutputStream();
        ByteBuf encoded;
        while ((encoded = encoder.readOutbound()) != null) {
            try {
                encoded.readBytes(out, encoded.readableBytes());
            } finally {
                encoded.release();
            }
        }
        out.flush();
        if (last) {
            FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            ok.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(ok);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws IOException {
        if (evt instanceof RequestAbortedEvent) {
            closeBackend(); // the half-sent request must never complete on this server connection
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws IOException {
        closeBackend();
        encoder.finishAndReleaseAll();
        ctx.fireChannelInactive();
    }

    private Socket backend() {
        if (backend == null) {
            try {
                backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach the test backend", e);
            }
        }
        return backend;
    }

    private void closeBackend() throws IOException {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
