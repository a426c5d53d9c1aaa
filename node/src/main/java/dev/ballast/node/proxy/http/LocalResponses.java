package dev.ballast.node.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;

/** Responses the proxy writes itself (errors): a status and a one-line text body that names the reason. */
final class LocalResponses {

    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");

    private LocalResponses() {
    }

    /**
     * @param keepAlive  whether the client connection stays open after this response
     * @param http10     whether the client speaks HTTP/1.0 (it needs an explicit keep-alive)
     */
    static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, String reason,
                                  boolean keepAlive, boolean http10) {
        String text = status.code() + " " + status.reasonPhrase() + ": " + reason + "\n";
        ByteBuf body = alloc.buffer(text.length() + 8);
        body.writeCharSequence(text, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }
}
