package dev.ballast.node.demo;

/** What the demo backend does for a request path. {@code /ws} is taken earlier, by Netty's WebSocket handler. */
enum DemoEndpoint {
    /** Any path without an endpoint of its own: names the backend and echoes the request head. */
    INFO,
    HEALTH,
    HEALTH_FAIL,
    HEALTH_OK,
    DELAY,
    STATUS,
    BYTES,
    ECHO;

    /** The endpoint for a request URI (path with or without a query string). */
    static DemoEndpoint of(String uri) {
        return switch (pathOf(uri)) {
            case "/health" -> HEALTH;
            case "/health/fail" -> HEALTH_FAIL;
            case "/health/ok" -> HEALTH_OK;
            case "/delay" -> DELAY;
            case "/status" -> STATUS;
            case "/bytes" -> BYTES;
            case "/echo" -> ECHO;
            default -> INFO;
        };
    }

    /** The path of a request URI, without its query string. */
    static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
