package dev.ballast.node.health;

import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BalanceConfig;
import dev.ballast.node.config.HealthCheckConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.PassiveCheckConfig;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.config.StickyConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a backend configuration and its servers for health tests; defaults are HAProxy's. */
final class BackendFixture {

    HealthCheckConfig.Type type = HealthCheckConfig.Type.HTTP;
    Duration interval = Duration.ofSeconds(2);
    Duration fastInterval = Duration.ofSeconds(2);
    Duration downInterval = Duration.ofSeconds(2);
    Duration timeout = Duration.ofSeconds(1);
    int rise = 2;
    int fall = 3;
    double jitter = 0;
    HealthCheckConfig.InitialState initialState = HealthCheckConfig.InitialState.UNKNOWN;
    String path = "/health";
    Optional<String> host = Optional.empty();
    List<HealthCheckConfig.StatusRange> expectStatus = List.of(new HealthCheckConfig.StatusRange(200, 399));
    Optional<String> expectBody = Optional.empty();
    Optional<Integer> checkPort = Optional.empty();
    int maxFails = 0;
    Duration failTimeout = Duration.ofSeconds(10);
    boolean on5xx = false;
    int maxEjectionPercent = 10;
    private final List<ServerConfig> servers = new ArrayList<>();

    BackendFixture server(String name, int port) {
        return server(name, port, ServerConfig.AdminState.READY, Optional.empty());
    }

    BackendFixture server(String name, int port, ServerConfig.AdminState state, Optional<Integer> serverCheckPort) {
        return server(name, new HostPort("127.0.0.1", port), state, serverCheckPort);
    }

    BackendFixture server(String name, HostPort address, ServerConfig.AdminState state,
                          Optional<Integer> serverCheckPort) {
        servers.add(new ServerConfig(name, address, 1, false, 0, Duration.ZERO, state, serverCheckPort));
        return this;
    }

    /** {@code count} servers named s0, s1, ... on made-up ports (for tests that never connect). */
    BackendFixture servers(int count) {
        for (int i = 0; i < count; i++) {
            server("s" + i, 10_000 + i);
        }
        return this;
    }

    BackendConfig config() {
        HealthCheckConfig check = new HealthCheckConfig(type, interval, fastInterval, downInterval, timeout, rise,
                fall, jitter, initialState, "GET", path, host, expectStatus, expectBody, checkPort);
        return new BackendConfig("web",
                new BalanceConfig(BalanceConfig.Algorithm.ROUNDROBIN, BalanceConfig.HashKey.SOURCE, Optional.empty(),
                        BalanceConfig.HashMethod.RING, 65537, 160, Optional.empty()),
                new StickyConfig(StickyConfig.Mode.NONE, "SERVERID", true, false, Optional.empty(),
                        Duration.ofMinutes(30), Duration.ofHours(8), 100_000),
                check,
                new PassiveCheckConfig(maxFails, failTimeout, on5xx, maxEjectionPercent),
                new BackendConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5)),
                new BackendConfig.Pool(8, Duration.ofSeconds(60)),
                2, true, false, 0, false, servers);
    }

    /** The data plane's view of the configured servers, as the balancer side would build it. */
    static List<Server> dataPlaneServers(BackendConfig config) {
        return config.servers().stream()
                .map(s -> new Server(config.name(), s.name(), s.address(), s.weight(), s.backup(), s.maxconn()))
                .toList();
    }
}
