package dev.ballast.node.health;

/**
 * The outcome of one active check.
 *
 * @param passed           whether the server passed
 * @param detail           what happened, readable on its own: "HTTP 200", "connect refused", "timeout after 1000 ms"
 * @param unexpectedStatus the HTTP status that failed the check, or 0 when the failure was something else
 */
public record CheckResult(boolean passed, String detail, int unexpectedStatus) {

    public static CheckResult passed(String detail) {
        return new CheckResult(true, detail, 0);
    }

    public static CheckResult failed(String detail) {
        return new CheckResult(false, detail, 0);
    }

    public static CheckResult unexpectedStatus(int status) {
        return new CheckResult(false, "HTTP check returned " + status, status);
    }

    public static CheckResult timedOut(long timeoutMillis) {
        return failed("timeout after " + timeoutMillis + " ms");
    }
}
