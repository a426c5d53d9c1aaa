package dev.ballast.node.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One admin reply, free of Netty: status, content type, body and any extra header lines (a name may repeat). */
public record AdminResponse(int status, String contentType, byte[] body, List<Header> headers) {

    static final String JSON = "application/json; charset=utf-8";

    public AdminResponse {
        headers = List.copyOf(headers);
    }

    static AdminResponse of(int status, String contentType, byte[] body) {
        return new AdminResponse(status, contentType, body, List.of());
    }

    static AdminResponse text(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    AdminResponse withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new AdminResponse(status, contentType, body, more);
    }

    public record Header(String name, String value) {
    }
}
