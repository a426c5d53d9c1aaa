package dev.ballast.node.balance;

import java.util.Map;

/** A request as the balancers see it, built by tests. */
public record TestRequest(String clientAddress, String path, String query, Map<String, String> headers,
        Map<String, String> cookies, Map<String, String> parameters) implements RequestContext {

    public static TestRequest fromClient(String address) {
        return new TestRequest(address, "/", "", Map.of(), Map.of(), Map.of());
    }

    public static TestRequest forPath(String path) {
        return new TestRequest("127.0.0.1", path, "", Map.of(), Map.of(), Map.of());
    }

    public static TestRequest withCookie(String name, String value) {
        return new TestRequest("127.0.0.1", "/", "", Map.of(), value == null ? Map.of() : Map.of(name, value),
                Map.of());
    }

    @Override
    public String uri() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String cookie(String name) {
        return cookies.get(name);
    }

    @Override
    public String queryParameter(String name) {
        return parameters.get(name);
    }
}
