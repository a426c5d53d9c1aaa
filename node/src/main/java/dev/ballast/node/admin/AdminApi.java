package dev.ballast.node.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.node.config.ServerConfig.AdminState;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The admin API's routes (docs/admin-api.md), free of Netty: authenticates, dispatches on method and path, and
 * turns every refusal into the contract's JSON error. Called on the admin listener's one thread.
 */
public final class AdminApi {

    private static final Logger LOG = LogManager.getLogger(AdminApi.class);
    private static final String API = "/api/v1/";

    private final TokenAuth auth;
    private final BooleanSupplier running;
    private final NodeReport node;
    private final ClusterView cluster;
    private final BackendsReport backends;
    private final SessionsReport sessions;
    private final ServerActions actions;
    private final ConfigReload reload;
    private final Optional<MetricsSource> metrics;
    private final byte[] statsPage;

    AdminApi(TokenAuth auth, BooleanSupplier running, NodeReport node, ClusterView cluster, BackendsReport backends,
             SessionsReport sessions, ServerActions actions, ConfigReload reload, Optional<MetricsSource> metrics,
             byte[] statsPage) {
        this.auth = auth;
        this.running = running;
        this.node = node;
        this.cluster = cluster;
        this.backends = backends;
        this.sessions = sessions;
        this.actions = actions;
        this.reload = reload;
        this.metrics = metrics;
        this.statsPage = statsPage.clone();
    }

    public AdminResponse handle(AdminRequest request) {
        try {
            if (request.path().equals("/healthz")) {
                requireMethod(request, "GET");
                return running.getAsBoolean() ? json(200, Map.of("status", "up"))
                        : json(503, Map.of("status", "stopping"));
            }
            auth.check(request.authorization());
            return route(request);
        } catch (ApiException e) {
            return errorResponse(e);
        } catch (NoSuchElementException e) {
            return errorResponse(new ApiException(404, e.getMessage()));
        } catch (ClusterView.NotClusteredException e) {
            return errorResponse(new ApiException(503, e.getMessage()));
        } catch (IllegalStateException e) {
            return errorResponse(new ApiException(409, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Admin request {} {} failed", request.method(), request.path(), e);
            return errorResponse(new ApiException(500, "the request failed inside the node: " + e));
        }
    }

    private AdminResponse route(AdminRequest request) {
        String path = request.path();
        switch (path) {
            case "/metrics" -> {
                requireMethod(request, "GET");
                return metrics();
            }
            case "/stats" -> {
                requireMethod(request, "GET");
                return AdminResponse.of(200, "text/html; charset=utf-8", statsPage);
            }
            case API + "node" -> {
                requireMethod(request, "GET");
                return json(200, node.now());
            }
            case API + "cluster" -> {
                requireMethod(request, "GET");
                return json(200, cluster.status());
            }
            case API + "cluster/promote" -> {
                requireMethod(request, "POST");
                ObjectNode body = Json.object(request.body(), Set.of("node"), "{\"node\":\"lb2\"}");
                cluster.promote(Json.text(body, "node"));
                return json(200, cluster.status());
            }
            case API + "backends" -> {
                requireMethod(request, "GET");
                return json(200, Map.of("backends", backends.all()));
            }
            case API + "sessions" -> {
                requireMethod(request, "GET");
                return sessions(request);
            }
            case API + "reload" -> {
                requireMethod(request, "POST");
                String sha256 = reload.reload();
                return json(200, new Reloaded(true, sha256));
            }
            default -> {
                return backendRoute(request);
            }
        }
    }

    /** /api/v1/backends/{b} and /api/v1/backends/{b}/servers/{s}/{state|weight|health}. */
    private AdminResponse backendRoute(AdminRequest request) {
        String prefix = API + "backends/";
        if (!request.path().startsWith(prefix)) {
            throw notFound(request);
        }
        List<String> parts = List.of(request.path().substring(prefix.length()).split("/", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw notFound(request);
        }
        if (parts.size() == 1) {
            requireMethod(request, "GET");
            return json(200, backends.backend(parts.get(0)));
        }
        if (parts.size() != 4 || !parts.get(1).equals("servers")
                || !List.of("state", "weight", "health").contains(parts.get(3))) {
            throw notFound(request);
        }
        requireMethod(request, "POST");
        String backend = parts.get(0);
        String server = parts.get(2);
        switch (parts.get(3)) {
            case "state" -> {
                ObjectNode body = Json.object(request.body(), Set.of("state"), "{\"state\":\"drain\"}");
                String state = Json.oneOf(body, "state", List.of("ready", "drain", "maint"));
                backends.server(backend, server); // 404 before acting on anything
                actions.setState(backend, server, AdminState.valueOf(state.toUpperCase(Locale.ROOT)));
            }
            case "weight" -> {
                ObjectNode body = Json.object(request.body(), Set.of("weight"), "{\"weight\":10}");
                int weight = Json.integer(body, "weight", 0, 256);
                backends.server(backend, server);
                actions.setWeight(backend, server, weight);
            }
            default -> {
                ObjectNode body = Json.object(request.body(), Set.of("force"), "{\"force\":\"down\"}");
                String force = Json.oneOf(body, "force", List.of("up", "down", "none"));
                backends.server(backend, server);
                actions.forceHealth(backend, server, ServerActions.Force.valueOf(force.toUpperCase(Locale.ROOT)));
            }
        }
        return json(200, backends.server(backend, server));
    }

    private AdminResponse sessions(AdminRequest request) {
        for (String name : request.query().keySet()) {
            if (!name.equals("backend") && !name.equals("key")) {
                throw new ApiException(400, "unknown query parameter '" + name + "'; expected backend and key");
            }
        }
        Optional<String> backend = request.param("backend");
        Optional<String> key = request.param("key");
        if (key.isPresent()) {
            if (backend.isEmpty()) {
                throw new ApiException(400, "a session key is looked up in one backend: add ?backend=NAME");
            }
            return json(200, sessions.lookup(backend.get(), key.get()));
        }
        return json(200, sessions.counts(backend.orElse(null)));
    }

    private AdminResponse metrics() {
        MetricsSource source = metrics.orElseThrow(() -> new ApiException(503,
                "no metrics source is wired into this node yet, so /metrics has nothing to expose"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            source.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the metrics failed", e);
        }
        return AdminResponse.of(200, MetricsSource.CONTENT_TYPE, out.toByteArray());
    }

    private static void requireMethod(AdminRequest request, String method) {
        if (!request.method().equals(method)) {
            throw new MethodNotAllowed(request, method);
        }
    }

    private static ApiException notFound(AdminRequest request) {
        return new ApiException(404, "no such path: " + request.path());
    }

    private static AdminResponse json(int status, Object body) {
        return AdminResponse.of(status, AdminResponse.JSON, Json.write(body));
    }

    static AdminResponse errorResponse(ApiException e) {
        AdminResponse response = json(e.status(), e.errors().isEmpty() ? new ErrorJson(e.getMessage())
                : new ErrorsJson(e.getMessage(), e.errors()));
        if (e.status() == 401) {
            for (String challenge : TokenAuth.CHALLENGES) {
                response = response.withHeader("WWW-Authenticate", challenge);
            }
        }
        if (e instanceof MethodNotAllowed notAllowed) {
            response = response.withHeader("Allow", notAllowed.allowed);
        }
        return response;
    }

    /** 405, with the method the path takes (for the Allow header). */
    private static final class MethodNotAllowed extends ApiException {

        private static final long serialVersionUID = 1L;
        private final String allowed;

        MethodNotAllowed(AdminRequest request, String allowed) {
            super(405, request.path() + " takes " + allowed + ", not " + request.method());
            this.allowed = allowed;
        }
    }

    record Reloaded(boolean reloaded, String configSha256) {
    }

    record ErrorJson(String error) {
    }

    record ErrorsJson(String error, List<ApiException.FieldError> errors) {
    }
}
