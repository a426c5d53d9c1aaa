package dev.ballast.node.config;

/** Thrown by a {@link ValueType} when a value cannot be read; the message says what was expected. */
final class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String message) {
        super(message, null, false, false);
    }
}
