package dev.ballast.node.health;

import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.HealthCheckConfig;
import dev.ballast.node.config.PassiveCheckConfig;
import dev.ballast.node.config.ServerConfig;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The health of one backend's servers, and the one rule that needs them all: passive ejection never takes out
 * more than max-ejection-percent of the backend at once (at least one server). Pure logic, no I/O; time comes from
 * the injected {@link HealthClock}. Not thread-safe: {@link HealthChecker} serializes access.
 */
final class BackendHealth {

    private static final Logger LOG = LogManager.getLogger(BackendHealth.class);

    private final String backend;
    private final boolean activeChecks;
    private final PassiveCheckConfig passive;
    private final int maxEjected;
    private final HealthClock clock;
    private final Map<String, ServerHealth> servers = new LinkedHashMap<>();

    BackendHealth(BackendConfig config, List<Server> servers, HealthClock clock) {
        this.backend = config.name();
        this.activeChecks = config.healthCheck().type() != HealthCheckConfig.Type.NONE;
        this.passive = config.passiveCheck();
        this.clock = clock;
        if (passive.maxFails() < 0 || passive.maxEjectionPercent() < 0 || passive.maxEjectionPercent() > 100) {
            throw new IllegalArgumentException("backend '" + backend + "': passive check max-fails must be >= 0 and "
                    + "max-ejection-percent between 0 and 100, got " + passive.maxFails() + " and "
                    + passive.maxEjectionPercent());
        }
        this.maxEjected = maxEjected(servers.size(), passive.maxEjectionPercent());
        for (Server server : servers) {
            ServerConfig serverConfig = config.server(server.name()).orElseThrow(() -> new IllegalArgumentException(
                    "backend '" + backend + "' has no configured server '" + server.name() + "'"));
            RiseFall active = activeChecks ? newRiseFall(config.healthCheck()) : null;
            AdminOverride initial = serverConfig.state() == ServerConfig.AdminState.MAINT ? AdminOverride.MAINT : null;
            this.servers.put(server.name(), new ServerHealth(server, active, initial));
        }
    }

    /** At most this many of {@code servers} may be ejected at once: the percentage rounded down, but at least 1. */
    static int maxEjected(int servers, int percent) {
        return Math.max(1, servers * percent / 100);
    }

    String name() {
        return backend;
    }

    boolean activeChecks() {
        return activeChecks;
    }

    ServerHealth server(String name) {
        ServerHealth health = servers.get(name);
        if (health == null) {
            throw new IllegalArgumentException("backend '" + backend + "' has no server '" + name + "'");
        }
        return health;
    }

    List<ServerHealth> servers() {
        return List.copyOf(servers.values());
    }

    Optional<HealthChange> checkCompleted(String server, CheckResult result, long tookNanos) {
        return server(server).recordCheck(result, clock.wallMillis() - TimeUnit.NANOSECONDS.toMillis(tookNanos),
                tookNanos);
    }

    void requestSucceeded(String server) {
        server(server).requestSucceeded();
    }

    /**
     * Counts a failed real request and ejects the server when it reached max-fails and the ejection cap allows.
     * A 5xx counts only when the backend says on-5xx; otherwise it is a success (the server did answer).
     */
    Optional<HealthChange> requestFailed(String serverName, FailureKind kind) {
        ServerHealth server = server(serverName);
        if (passive.maxFails() == 0) {
            return Optional.empty();
        }
        if (kind == FailureKind.SERVER_ERROR_5XX && !passive.on5xx()) {
            server.requestSucceeded();
            return Optional.empty();
        }
        int failures = server.requestFailed(kind);
        if (failures < passive.maxFails() || !server.state().usable()) {
            return Optional.empty();
        }
        long ejectedNow = servers.values().stream().filter(ServerHealth::ejected).count();
        if (ejectedNow >= maxEjected) {
            if (failures == passive.maxFails()) {
                LOG.warn("backend {} server {}: {}, but stays in rotation: {} of {} servers already ejected "
                                + "(max-ejection-percent {})", backend, serverName, server.requestFailureSummary(),
                        ejectedNow, servers.size(), passive.maxEjectionPercent());
            }
            return Optional.empty();
        }
        return server.eject(clock.nanoTime() + passive.failTimeout().toNanos(), clock.wallTime());
    }

    /** Ends the passive ejections (without active checks) whose fail-timeout has passed. */
    List<HealthChange> expireEjections() {
        long now = clock.nanoTime();
        List<HealthChange> changes = new ArrayList<>();
        for (ServerHealth server : servers.values()) {
            if (server.ejectionEndsBy(now)) {
                server.endEjection(passive.failTimeout(), clock.wallTime()).ifPresent(changes::add);
            }
        }
        return changes;
    }

    /** When the earliest timed ejection ends (monotonic nanos), if any is pending. */
    OptionalLong nextEjectionEnd() {
        return servers.values().stream()
                .filter(s -> s.ejected() && s.active() == null)
                .mapToLong(ServerHealth::ejectedUntilNanos)
                .reduce((a, b) -> a - b < 0 ? a : b);
    }

    Optional<HealthChange> override(String server, AdminOverride override) {
        return server(server).override(override, clock.wallTime());
    }

    Optional<HealthChange> clearOverride(String server) {
        return server(server).clearOverride(clock.wallTime());
    }

    List<ServerHealthSnapshot> snapshot() {
        return servers.values().stream().map(ServerHealth::snapshot).toList();
    }

    private static RiseFall newRiseFall(HealthCheckConfig check) {
        return new RiseFall(check.rise(), check.fall(), check.initialState());
    }
}
