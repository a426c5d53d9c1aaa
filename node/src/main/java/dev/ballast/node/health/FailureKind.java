package dev.ballast.node.health;

/** How a real request to a server failed, as the proxy reports it to {@link PassiveHealth}. */
public enum FailureKind {
    CONNECT_REFUSED("connect refused"),
    /** Any other failure to connect (unreachable, connect timeout). */
    CONNECT_FAILED("connect failed"),
    /** The server accepted the request but did not answer within the server timeout. */
    TIMEOUT("timeout"),
    /** The connection was reset or closed before a complete response. */
    RESET("connection reset"),
    /** The server answered 5xx; counts only when the backend's passive check says on-5xx. */
    SERVER_ERROR_5XX("5xx response");

    private final String description;

    FailureKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
