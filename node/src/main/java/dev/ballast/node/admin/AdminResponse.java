package dev.ballast.node.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One admin reply, free of Netty: status, content type, body and any extra headers. */
public record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    public AdminResponse {
        headers = Map.copyOf(headers);
    }

    static AdminResponse of(int status, String contentType, byte[] body) {
        return new AdminResponse(status, contentType, body, Map.of());
    }

    static AdminResponse text(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    AdminResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AdminResponse(status, contentType, body, more);
    }
}
