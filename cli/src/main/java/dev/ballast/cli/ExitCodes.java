package dev.ballast.cli;

/** The exit statuses of {@code ballastctl}; scripts rely on them, so they never change meaning. */
public final class ExitCodes {

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The node answered but the action failed (any non-2xx but 401/403), or a local check failed. */
    public static final int ACTION_FAILED = 1;
    /** The command line or the connection settings are wrong. */
    public static final int USAGE = 2;
    /** No answer from the node: refused, unknown host, timeout, connection dropped. */
    public static final int UNREACHABLE = 3;
    /** The node refused the credentials (401 or 403). */
    public static final int AUTH_REFUSED = 4;

    private ExitCodes() {
    }
}
