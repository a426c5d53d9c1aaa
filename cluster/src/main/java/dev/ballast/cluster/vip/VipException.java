package dev.ballast.cluster.vip;

/** Acquiring, releasing or checking a VIP failed; the message says what and how. */
public final class VipException extends Exception {

    public VipException(String message) {
        super(message);
    }

    public VipException(String message, Throwable cause) {
        super(message, cause);
    }
}
