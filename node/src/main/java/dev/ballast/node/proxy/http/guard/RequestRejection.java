package dev.ballast.node.proxy.http.guard;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Why a request is refused and with which status. Thrown by the head validator and carried as the
 * failed {@link io.netty.handler.codec.DecoderResult} of the request the decoder emits instead.
 * Without a stack trace: clients trigger these at will, so they must be cheap.
 */
public final class RequestRejection extends RuntimeException {

    private final HttpResponseStatus status;

    public RequestRejection(HttpResponseStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static RequestRejection badRequest(String reason) {
        return new RequestRejection(HttpResponseStatus.BAD_REQUEST, reason);
    }

    /**
     * Maps a decoder failure to a rejection: ours as they are, the head's size limits to 431, the rest
     * (including an over-long chunk line, which Netty reports like a long request line) to 400.
     */
    static RequestRejection from(Throwable cause, boolean inBody) {
        if (cause instanceof RequestRejection rejection) {
            return rejection;
        }
        if (inBody) {
            return badRequest("invalid chunked body: " + describe(cause));
        }
        if (cause instanceof TooLongHttpLineException) {
            return new RequestRejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request line too long: " + cause.getMessage());
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new RequestRejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "header section too large: " + cause.getMessage());
        }
        return badRequest(describe(cause));
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }
}
