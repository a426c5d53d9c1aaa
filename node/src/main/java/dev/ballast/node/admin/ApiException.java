package dev.ballast.node.admin;

import java.util.List;

/**
 * A request the API refuses, with its status and one precise sentence; becomes {@code {"error": message}} (plus
 * {@code errors} for an invalid configuration).
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<FieldError> errors;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One error of an invalid configuration: where, and what is wrong. */
    public record FieldError(String path, String message) {
    }
}
