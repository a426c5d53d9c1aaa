package dev.ballast.node.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Removes the headers that concern one connection only (RFC 9110 7.6.1) before a message is passed on: Connection
 * and every header it names, Keep-Alive, TE, Trailer, Upgrade (unless the exchange is an upgrade) and Proxy-*.
 * Message framing (Content-Length, Transfer-Encoding) and Host are never removed, even when Connection names them:
 * that would let a client change how the next hop delimits the message.
 */
final class HopByHopHeaders {

    private static final String PROXY_PREFIX = "proxy-";
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");

    private HopByHopHeaders() {
    }

    static void strip(HttpHeaders headers, boolean keepUpgrade) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
                removeNamedBy(headers, value, keepUpgrade);
            }
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        headers.remove(KEEP_ALIVE);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        if (!keepUpgrade) {
            headers.remove(HttpHeaderNames.UPGRADE);
        }
        removeProxyHeaders(headers);
    }

    private static void removeNamedBy(HttpHeaders headers, String connectionValue, boolean keepUpgrade) {
        int start = 0;
        while (start < connectionValue.length()) {
            int comma = connectionValue.indexOf(',', start);
            int end = comma < 0 ? connectionValue.length() : comma;
            String token = connectionValue.substring(start, end).trim();
            if (!token.isEmpty() && !isProtected(token) && !(keepUpgrade && isUpgrade(token))) {
                headers.remove(token);
            }
            start = end + 1;
        }
    }

    private static boolean isUpgrade(String token) {
        return HttpHeaderNames.UPGRADE.contentEqualsIgnoreCase(token);
    }

    private static boolean isProtected(String token) {
        return HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(token)
                || HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(token)
                || HttpHeaderNames.HOST.contentEqualsIgnoreCase(token);
    }

    private static void removeProxyHeaders(HttpHeaders headers) {
        List<CharSequence> doomed = null;
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            CharSequence name = it.next().getKey();
            if (AsciiString.regionMatches(name, true, 0, PROXY_PREFIX, 0, PROXY_PREFIX.length())) {
                if (doomed == null) {
                    doomed = new ArrayList<>(2);
                }
                doomed.add(name);
            }
        }
        if (doomed != null) {
            doomed.forEach(headers::remove);
        }
    }
}
