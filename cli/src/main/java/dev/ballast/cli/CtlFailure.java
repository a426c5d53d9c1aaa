package dev.ballast.cli;

/** Ends a command with an exit status and a message for stderr; BallastCtl maps it, nothing catches it earlier. */
public final class CtlFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CtlFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CtlFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
