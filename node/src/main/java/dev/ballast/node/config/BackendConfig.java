package dev.ballast.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A pool of servers and how traffic is spread over them.
 *
 * @param retries         how many times a failed connect or idempotent request is retried
 * @param redispatch      retries go to another server rather than the same one
 * @param allBackups      when no primary server is usable, balance over all backups instead of the first
 * @param panicThreshold  below this percentage of usable servers, balance over all of them (0 = never)
 * @param clusterWideLoad least-connection style algorithms use the cluster-wide sums of load
 */
public record BackendConfig(
        String name,
        BalanceConfig balance,
        StickyConfig sticky,
        HealthCheckConfig healthCheck,
        PassiveCheckConfig passiveCheck,
        Timeouts timeouts,
        Pool pool,
        int retries,
        boolean redispatch,
        boolean allBackups,
        int panicThreshold,
        boolean clusterWideLoad,
        List<ServerConfig> servers) {

    public BackendConfig {
        servers = List.copyOf(servers);
    }

    public Optional<ServerConfig> server(String serverName) {
        return servers.stream().filter(s -> s.name().equals(serverName)).findFirst();
    }

    /**
     * @param connect time to establish a connection to a server
     * @param server  time to wait for the server's response head, and between response bytes
     * @param queue   time a request may wait for a server below its maxconn before it gets 503
     */
    public record Timeouts(Duration connect, Duration server, Duration queue) {
    }

    /**
     * @param maxIdlePerServer idle keep-alive connections kept per server and event loop
     * @param idleTimeout      how long an idle pooled connection is kept
     */
    public record Pool(int maxIdlePerServer, Duration idleTimeout) {
    }
}
