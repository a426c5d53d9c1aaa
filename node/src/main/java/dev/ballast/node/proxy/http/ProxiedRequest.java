package dev.ballast.node.proxy.http;

import dev.ballast.node.balance.RequestContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/** What a balancer may see of a request being proxied. */
final class ProxiedRequest implements RequestContext {

    private final HttpRequest request;
    private final String clientAddress;

    ProxiedRequest(HttpRequest request, String clientAddress) {
        this.request = request;
        this.clientAddress = clientAddress;
    }

    @Override
    public String clientAddress() {
        return clientAddress;
    }

    @Override
    public String path() {
        return RequestTargets.path(request.uri());
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public String header(String name) {
        return request.headers().get(name);
    }

    @Override
    public String cookie(String name) {
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            String value = valueOf(header, ';', name, false);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public String queryParameter(String name) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? null : valueOf(uri.substring(query + 1), '&', name, true);
    }

    /** The value of {@code name=value} in a {@code separator}-separated list, or null. */
    private static String valueOf(String list, char separator, String name, boolean urlEncoded) {
        int start = 0;
        while (start <= list.length()) {
            int end = list.indexOf(separator, start);
            if (end < 0) {
                end = list.length();
            }
            String pair = list.substring(start, end).trim();
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (urlEncoded) {
                key = QueryStringDecoder.decodeComponent(key);
            }
            if (key.equals(name)) {
                return urlEncoded ? QueryStringDecoder.decodeComponent(value) : value;
            }
            start = end + 1;
        }
        return null;
    }
}
