package dev.ballast.node.demo;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;

/** The numeric query parameters of the demo endpoints, checked against their allowed range. */
final class QueryParameters {

    private final Map<String, List<String>> parameters;

    QueryParameters(String uri) {
        this.parameters = new QueryStringDecoder(uri).parameters();
    }

    /**
     * The parameter {@code name} as a whole number in {@code [min, max]}.
     *
     * @throws BadRequestException naming the parameter and the expected range when it is missing, repeated, not a
     *                             number or out of range
     */
    long number(String name, long min, long max) {
        List<String> values = parameters.get(name);
        String expected = name + " must be a whole number from " + min + " to " + max;
        if (values == null || values.isEmpty()) {
            throw new BadRequestException("missing query parameter " + name + ": " + expected);
        }
        if (values.size() > 1) {
            throw new BadRequestException(
                    "query parameter " + name + " given " + values.size() + " times: " + expected);
        }
        String value = values.get(0);
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + "=" + value + " is not a number: " + expected);
        }
        if (number < min || number > max) {
            throw new BadRequestException(name + "=" + value + " is out of range: " + expected);
        }
        return number;
    }

    /** A request the demo backend refuses with 400; the message becomes the response body. */
    static final class BadRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
