package dev.ballast.node.proxy.http;

import dev.ballast.node.session.StickyCookie;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.List;

/** The header side of an inserted sticky cookie ({@code insert indirect nocache}) on a proxied exchange. */
final class StickyHeaders {

    private StickyHeaders() {
    }

    /** Removes our cookie from every Cookie header of a request, so the server never sees it (indirect). */
    static void stripCookie(HttpHeaders request, StickyCookie cookie) {
        if (cookie == null || !request.contains(HttpHeaderNames.COOKIE)) {
            return;
        }
        List<String> cookies = request.getAll(HttpHeaderNames.COOKIE);
        request.remove(HttpHeaderNames.COOKIE);
        for (String header : cookies) {
            String kept = cookie.strip(header);
            if (kept != null) {
                request.add(HttpHeaderNames.COOKIE, kept);
            }
        }
    }

    /** Sets our cookie on a response, private so that no shared cache hands it to another client (nocache). */
    static void setCookie(HttpHeaders response, String setCookie) {
        response.add(HttpHeaderNames.SET_COOKIE, setCookie);
        response.set(HttpHeaderNames.CACHE_CONTROL, StickyCookie.CACHE_CONTROL);
    }
}
