package dev.ballast.node.balance;

import dev.ballast.node.config.BalanceConfig;
import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.BalanceConfig.HashKey;
import dev.ballast.node.config.BalanceConfig.HashMethod;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.config.ServerConfig.AdminState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Servers and configurations for balancing tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Servers s000, s001, ... with the given weights, on loopback ports (never connected to). */
    public static List<Server> servers(int... weights) {
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            servers.add(server(String.format("s%03d", i), weights[i], 0));
        }
        return servers;
    }

    public static Server server(String name, int weight, int maxconn) {
        return new Server("be", name, new HostPort("127.0.0.1", 10000), weight, false, maxconn);
    }

    public static BalanceConfig config(Algorithm algorithm) {
        return new BalanceConfig(algorithm, HashKey.SOURCE, Optional.empty(), HashMethod.MAGLEV, 65537, 100,
                Optional.empty());
    }

    public static BalanceConfig hash(HashMethod method, HashKey key, int virtualNodes, Double factor) {
        return new BalanceConfig(Algorithm.HASH, key, Optional.empty(), method, 65537, virtualNodes,
                Optional.ofNullable(factor));
    }

    public static ServerConfig serverConfig(String name, int weight, boolean backup, int maxconn, Duration slowstart,
            AdminState state) {
        return new ServerConfig(name, new HostPort("127.0.0.1", 10000), weight, backup, maxconn, slowstart, state,
                Optional.empty());
    }

    public static ServerConfig primary(String name, int weight) {
        return serverConfig(name, weight, false, 0, Duration.ZERO, AdminState.READY);
    }

    public static ServerConfig backup(String name) {
        return serverConfig(name, 1, true, 0, Duration.ZERO, AdminState.READY);
    }

    /** Names of the servers {@code balancer} picks for {@code count} plain requests, taking nothing. */
    public static String picks(Balancer balancer, int count) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Server picked = balancer.pick(TestRequest.fromClient("127.0.0.1"), null);
            names.append(picked == null ? "-" : picked.name()).append(' ');
        }
        return names.toString().trim();
    }
}
