package dev.ballast.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a non-2xx reply: {@code {"error": "...", "errors": [{"path":..,"message":..}]}} per the contract, or
 * whatever else a proxy in between answered (shown as an excerpt).
 *
 * @param message      the error sentence, or an excerpt of a body that is not the contract's
 * @param errors       {@code path: message} lines of an invalid configuration
 * @param fromContract whether the body was the contract's error object
 */
record ErrorReply(String message, List<String> errors, boolean fromContract) {

    private static final int EXCERPT_LENGTH = 200;

    static ErrorReply of(String body, ObjectMapper json) {
        try {
            JsonNode reply = json.readTree(body);
            if (reply != null && reply.path("error").isTextual()) {
                List<String> errors = new ArrayList<>();
                for (JsonNode error : reply.path("errors")) {
                    errors.add(error.path("path").asText() + ": " + error.path("message").asText());
                }
                return new ErrorReply(reply.path("error").asText(), List.copyOf(errors), true);
            }
        } catch (IOException e) {
            // Not the contract's JSON (a proxy's HTML page, say): the excerpt below says what came instead.
        }
        return new ErrorReply("not an admin API error: " + excerpt(body), List.of(), false);
    }

    static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        if (flat.isEmpty()) {
            return "(empty body)";
        }
        return flat.length() <= EXCERPT_LENGTH ? flat : flat.substring(0, EXCERPT_LENGTH) + "...";
    }

    /** One line for the error, then one indented line per configuration error. */
    String describe(String where, int status) {
        StringBuilder text = new StringBuilder(fromContract
                ? message + " (HTTP " + status + " from " + where + ")"
                : where + " answered HTTP " + status + ", " + message);
        errors.forEach(error -> text.append(System.lineSeparator()).append("  ").append(error));
        return text.toString();
    }
}
