package dev.ballast.node.testing;

import dev.ballast.node.config.AdminSettings;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BalanceConfig;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ClusterConfig;
import dev.ballast.node.config.DnsConfig;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.HealthCheckConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.LoggingSettings;
import dev.ballast.node.config.NodeSettings;
import dev.ballast.node.config.PassiveCheckConfig;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.config.StickyConfig;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds configuration records directly for tests, with defaults close to the documented ones. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static BallastConfig node(int threads, Duration gracefulStop, List<FrontendConfig> frontends,
                                     List<BackendConfig> backends) {
        return new BallastConfig(
                new NodeSettings("test-node", threads, gracefulStop),
                new AdminSettings(false, new HostPort("127.0.0.1", 0), Optional.empty()),
                new LoggingSettings("info", Optional.empty(), LoggingSettings.AccessLogFormat.TEXT),
                frontends, backends,
                new ClusterConfig(false, "test", new HostPort("127.0.0.1", 0), List.of(),
                        ClusterConfig.Discovery.STATIC, Optional.empty(), Optional.empty(),
                        ClusterConfig.Profile.FAST, ClusterConfig.Quorum.NONE, Optional.empty(), false, 0,
                        ClusterConfig.Mode.ACTIVE_PASSIVE),
                List.of(),
                new DnsConfig(false, new HostPort("127.0.0.1", 0), "test", Duration.ofSeconds(5)));
    }

    public static FrontendConfig.ForwardedHeaders allForwardedHeaders() {
        return new FrontendConfig.ForwardedHeaders(true, true, true, true, true);
    }

    public static FrontendConfig.Timeouts frontendTimeouts(Duration clientHeader, Duration clientIdle,
                                                           Duration tunnelIdle, Duration request) {
        return new FrontendConfig.Timeouts(clientHeader, clientIdle, tunnelIdle, request);
    }

    public static FrontendConfig.Timeouts defaultFrontendTimeouts() {
        return frontendTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ZERO);
    }

    public static FrontendConfig frontend(String name, int maxconn, String defaultBackend,
                                          FrontendConfig.Timeouts timeouts) {
        return new FrontendConfig(name, new HostPort("127.0.0.1", 0), FrontendConfig.Mode.HTTP, maxconn,
                Optional.ofNullable(defaultBackend), List.of(), allForwardedHeaders(), timeouts,
                new FrontendConfig.Limits(8192, 32768));
    }

    public static ServerConfig server(String name, int port, int maxconn) {
        return new ServerConfig(name, new HostPort("127.0.0.1", port), 1, false, maxconn, Duration.ZERO,
                ServerConfig.AdminState.READY, Optional.empty());
    }

    public static BackendConfig.Timeouts backendTimeouts(Duration connect, Duration server, Duration queue) {
        return new BackendConfig.Timeouts(connect, server, queue);
    }

    public static BackendConfig backend(String name, BackendConfig.Timeouts timeouts, int retries,
                                        List<ServerConfig> servers) {
        return new BackendConfig(name,
                new BalanceConfig(BalanceConfig.Algorithm.ROUNDROBIN, BalanceConfig.HashKey.SOURCE,
                        Optional.empty(), BalanceConfig.HashMethod.RING, 65537, 100, Optional.empty()),
                new StickyConfig(StickyConfig.Mode.NONE, "SERVERID", true, false, Optional.empty(),
                        Duration.ofMinutes(30), Duration.ZERO, 10000),
                new HealthCheckConfig(HealthCheckConfig.Type.NONE, Duration.ofSeconds(2), Duration.ofSeconds(1),
                        Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3, 0.0, HealthCheckConfig.InitialState.UP,
                        "GET", "/", Optional.empty(), List.of(new HealthCheckConfig.StatusRange(200, 399)),
                        Optional.empty(), Optional.empty()),
                new PassiveCheckConfig(0, Duration.ofSeconds(10), false, 50),
                timeouts,
                new BackendConfig.Pool(16, Duration.ofSeconds(30)),
                retries, true, false, 0, false, servers);
    }

    public static BackendConfig.Timeouts defaultBackendTimeouts() {
        return backendTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5));
    }
}
