package dev.ballast.node.demo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpRequest;

import java.util.Iterator;
import java.util.Map;

/**
 * The body of the demo backend's default answer: which backend served the request, and the request head as it
 * arrived, so tests and people can see what a proxy changed. Example:
 * <pre>
 * backend: web1
 * method: GET
 * path: /some/page?x=1
 * headers:
 *   Host: 127.0.0.1:8080
 *   X-Forwarded-For: 127.0.0.1
 * </pre>
 */
final class RequestInfo {

    private RequestInfo() {
    }

    /** Writes the description into a pooled buffer; header bytes are copied as they came (ISO-8859-1). */
    static ByteBuf describe(ByteBufAllocator alloc, CharSequence backendName, HttpRequest request) {
        ByteBuf body = alloc.buffer(256);
        line(body, "backend: ", backendName);
        line(body, "method: ", request.method().asciiName());
        line(body, "path: ", request.uri());
        ByteBufUtil.writeAscii(body, "headers:\n");
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = request.headers().iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            ByteBufUtil.writeAscii(body, "  ");
            ByteBufUtil.writeAscii(body, header.getKey());
            line(body, ": ", header.getValue());
        }
        return body;
    }

    private static void line(ByteBuf body, String label, CharSequence value) {
        ByteBufUtil.writeAscii(body, label);
        ByteBufUtil.writeAscii(body, value);
        body.writeByte('\n');
    }
}
