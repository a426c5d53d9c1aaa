package dev.ballast.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on an ephemeral loopback port that answers admin API requests with contract-shaped replies
 * set by the test, and records exactly what the client sent. Registered as a JUnit extension, it runs for each
 * test: {@code @RegisterExtension final RecordingAdminServer node = new RecordingAdminServer();}.
 */
public final class RecordingAdminServer implements BeforeEachCallback, AfterEachCallback {

    /** One request as it arrived: raw path and query, body, and the headers ballastctl is responsible for. */
    public record Request(String method, String path, String query, String body, String authorization,
                          String contentType) {

        /** "METHOD path" or "METHOD path?query". */
        public String line() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /** A canned reply. */
    public record Reply(int status, String contentType, String body) {
    }

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.stop(0);
    }

    /** Answers {@code line} ("GET /api/v1/node", with the raw query if any) with status and a JSON body. */
    public RecordingAdminServer reply(String line, int status, String json) {
        replies.put(line, new Reply(status, "application/json", json));
        return this;
    }

    /** Answers with a fixture from src/test/resources/api. */
    public RecordingAdminServer replyWithFixture(String line, String fixture) {
        return reply(line, 200, Fixtures.text(fixture));
    }

    public RecordingAdminServer reply(String line, Reply reply) {
        replies.put(line, reply);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), body,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            requests.add(request);
            Reply reply = replies.getOrDefault(request.line(),
                    new Reply(404, "application/json", "{\"error\":\"no such path: " + request.path() + "\"}"));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
