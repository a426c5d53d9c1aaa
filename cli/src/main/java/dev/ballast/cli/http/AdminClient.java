package dev.ballast.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.cli.CtlFailure;
import dev.ballast.cli.ExitCodes;
import dev.ballast.cli.settings.ConnectionSettings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The admin API (contract v1, docs/admin-api.md) as seen from ballastctl: one method per endpoint, each returning
 * the reply's JSON. Failures become {@link CtlFailure}s carrying the exit status: unreachable 3, 401/403 4,
 * any other non-2xx 1.
 */
public final class AdminClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public AdminClient(ConnectionSettings settings) {
        this.settings = settings;
        // HTTP/1.1 explicitly: the default would offer an h2c upgrade the admin listener does not speak.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public JsonNode node() {
        return get("/api/v1/node", Map.of());
    }

    public JsonNode cluster() {
        return get("/api/v1/cluster", Map.of());
    }

    public JsonNode promote(String node) {
        return post("/api/v1/cluster/promote", json.createObjectNode().put("node", node));
    }

    public JsonNode backends() {
        return get("/api/v1/backends", Map.of());
    }

    public JsonNode backend(String name) {
        return get("/api/v1/backends/" + encode(name), Map.of());
    }

    /** @param state ready, drain or maint */
    public JsonNode setServerState(String backend, String server, String state) {
        return post(serverPath(backend, server) + "/state", json.createObjectNode().put("state", state));
    }

    public JsonNode setServerWeight(String backend, String server, int weight) {
        return post(serverPath(backend, server) + "/weight", json.createObjectNode().put("weight", weight));
    }

    /** @param force up, down or none (none lifts a forced health) */
    public JsonNode forceServerHealth(String backend, String server, String force) {
        return post(serverPath(backend, server) + "/health", json.createObjectNode().put("force", force));
    }

    /** Session counts, of every backend or of one. */
    public JsonNode sessionCounts(Optional<String> backend) {
        return get("/api/v1/sessions", backend.map(name -> Map.of("backend", name)).orElse(Map.of()));
    }

    /** Which server one sticky key is bound to. */
    public JsonNode session(String backend, String key) {
        // Ordered so the query reads backend=..&key=.. as in the contract.
        return get("/api/v1/sessions", new TreeMap<>(Map.of("backend", backend, "key", key)));
    }

    public JsonNode reload() {
        return post("/api/v1/reload", null);
    }

    public URI url() {
        return settings.url();
    }

    private static String serverPath(String backend, String server) {
        return "/api/v1/backends/" + encode(backend) + "/servers/" + encode(server);
    }

    /** Percent-encodes; a space becomes %20, not +, which only form decoders read as a space. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode get(String path, Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> joined.add(name + "=" + encode(value)));
        return send(request(path + joined).GET().build());
    }

    private JsonNode post(String path, ObjectNode body) {
        HttpRequest.Builder request = request(path);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + pathAndQuery))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        settings.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.UNREACHABLE, "cannot reach " + settings.url() + ": "
                    + UnreachableReason.of(e, settings.url()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlFailure(ExitCodes.ACTION_FAILED, "interrupted while waiting for " + settings.url(), e);
        }
        int status = response.statusCode();
        String where = request.method() + " " + request.uri().getRawPath();
        if (status == 401 || status == 403) {
            throw new CtlFailure(ExitCodes.AUTH_REFUSED, "auth refused by " + settings.url() + " (HTTP " + status
                    + "): " + ErrorReply.of(response.body(), json).message()
                    + (settings.token().isEmpty() ? "; no token was given (--token-file, BALLAST_TOKEN, "
                    + "BALLAST_TOKEN_FILE or the settings file)" : "; the token came from " + settings.tokenFrom()));
        }
        if (status / 100 != 2) {
            throw new CtlFailure(ExitCodes.ACTION_FAILED, ErrorReply.of(response.body(), json).describe(where, status));
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.ACTION_FAILED, where + " answered HTTP " + status
                    + " with a body that is not JSON: " + ErrorReply.excerpt(response.body()), e);
        }
    }
}
