package dev.ballast.node.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Server;
import dev.ballast.node.balance.ServerStatus;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.health.ServerHealthSnapshot;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.runtime.NodeRuntime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The contract's Backend and Server objects, read from the run-time objects: the balancer's admin state and
 * weights, the health checker's snapshot, the server's requests in flight and queue, and traffic numbers from the
 * {@link TrafficView} (left out when no statistics are wired).
 */
final class BackendsReport {

    private final NodeRuntime node;
    private final Supplier<BallastConfig> config;
    private final TrafficView traffic;

    BackendsReport(NodeRuntime node, Supplier<BallastConfig> config, TrafficView traffic) {
        this.node = node;
        this.config = config;
        this.traffic = traffic;
    }

    /** Every backend, in configuration order. */
    List<BackendJson> all() {
        Map<String, Backend> backends = node.backends();
        List<BackendJson> result = new ArrayList<>();
        for (BackendConfig backend : config.get().backends()) {
            Backend running = backends.get(backend.name());
            if (running != null) {
                result.add(backend(running));
            }
        }
        return result;
    }

    BackendJson backend(String name) {
        Backend backend = node.backends().get(name);
        if (backend == null) {
            throw new NoSuchElementException("no backend named '" + name + "'");
        }
        return backend(backend);
    }

    ServerJson server(String backendName, String serverName) {
        Backend backend = node.backends().get(backendName);
        if (backend == null) {
            throw new NoSuchElementException("no backend named '" + backendName + "'");
        }
        Server server = balancerOf(backend).server(serverName).orElseThrow(() -> new NoSuchElementException(
                "backend '" + backendName + "' has no server named '" + serverName + "'"));
        return server(backend, server);
    }

    /** The run-time balancer that holds admin states and weights (always this class in a production node). */
    static BackendBalancer balancerOf(Backend backend) {
        if (backend.balancer() instanceof BackendBalancer balancer) {
            return balancer;
        }
        throw new IllegalStateException("backend " + backend.name() + " has no run-time server states: its balancer "
                + "is " + backend.balancer().getClass().getSimpleName() + ", not BackendBalancer");
    }

    private BackendJson backend(Backend backend) {
        List<ServerJson> servers = new ArrayList<>();
        int usable = 0;
        for (Server server : backend.servers()) {
            servers.add(server(backend, server));
            if (balancerOf(backend).status(server).usable()) {
                usable++;
            }
        }
        backend.purgeExpiredSessions();
        return new BackendJson(backend.name(), algorithmName(backend.config()), servers, usable,
                backend.sessions().size());
    }

    private ServerJson server(Backend backend, Server server) {
        ServerStatus status = balancerOf(backend).status(server);
        Optional<ServerHealthSnapshot> health = node.healthChecker(backend.name())
                .flatMap(checker -> checker.snapshot(server.name()));
        HealthJson healthJson = health.map(BackendsReport::health)
                .orElseGet(() -> new HealthJson(status.healthy() ? "up" : "down", null, null));
        Optional<TrafficView.ServerTraffic> numbers = traffic.server(backend.name(), server.name());
        return new ServerJson(server.name(), server.address().toString(), server.backup(), status.configuredWeight(),
                status.effectiveWeight(), lower(status.admin()), healthJson, server.inFlight(),
                backend.slots(server).queued(),
                numbers.map(TrafficView.ServerTraffic::requests).orElse(null),
                numbers.map(TrafficView.ServerTraffic::requestsPerSecond).orElse(null),
                numbers.map(TrafficView.ServerTraffic::responses).orElse(null),
                numbers.map(TrafficView.ServerTraffic::errors).orElse(null),
                numbers.map(TrafficView.ServerTraffic::latencyMs).orElse(null));
    }

    private static HealthJson health(ServerHealthSnapshot snapshot) {
        String forced = snapshot.override().map(o -> switch (o) {
            case FORCE_UP -> "up";
            case FORCE_DOWN -> "down";
            case MAINT -> null;
        }).orElse(null);
        LastCheckJson lastCheck = snapshot.lastCheck().map(check -> new LastCheckJson(check.at(),
                check.duration().toNanos() / 1e6, check.passed(), check.detail())).orElse(null);
        return new HealthJson(lower(snapshot.state()), forced, lastCheck);
    }

    /** The algorithm as it is written in the configuration, e.g. static-rr. */
    private static String algorithmName(BackendConfig backend) {
        return lower(backend.balance().algorithm()).replace('_', '-');
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    record BackendJson(String name, String balance, List<ServerJson> servers, int usableServers, int sessions) {
    }

    /** The contract's Server; the traffic fields are null, and left out, when no statistics are wired. */
    record ServerJson(String name, String address, boolean backup, int weight, int effectiveWeight,
                      String adminState, HealthJson health, int activeRequests, int queued,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Long requests,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Double requestsPerSecond,
                      @JsonInclude(JsonInclude.Include.NON_NULL) TrafficView.Responses responses,
                      @JsonInclude(JsonInclude.Include.NON_NULL) TrafficView.Errors errors,
                      @JsonInclude(JsonInclude.Include.NON_NULL) TrafficView.Latency latencyMs) {
    }

    /** @param forced up or down when the operator forced the health, else null */
    record HealthJson(String state, String forced, LastCheckJson lastCheck) {
    }

    record LastCheckJson(Instant at, double durationMs, boolean ok, String message) {
    }
}
