package dev.ballast.bench;

import dev.ballast.node.balance.Balancer;
import dev.ballast.node.balance.Balancers;
import dev.ballast.node.balance.RequestContext;
import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BalanceConfig;
import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.BalanceConfig.HashKey;
import dev.ballast.node.config.BalanceConfig.HashMethod;
import dev.ballast.node.config.HostPort;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Balancer#pick} per operation (and, in {@code pickTakeRelease}, the hooks of one whole request), for every algorithm, over 3, 100 and 1,000 servers with weights 1..4 and
 * a random spread of requests in flight. Requests cycle through 1,024 prepared ones (distinct client addresses and
 * paths), so hashing sees varied keys and the benchmark itself allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BalancerPickBenchmark {

    @Param({"roundrobin", "static-rr", "leastconn", "random", "p2c", "source", "hash-ring", "hash-maglev"})
    public String algorithm;

    @Param({"3", "100", "1000"})
    public int servers;

    private Balancer balancer;
    private BenchRequest[] requests;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        List<Server> pool = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            Server server = new Server("bench", "server-" + i, new HostPort("127.0.0.1", 20000 + i), 1 + i % 4,
                    false, 0);
            for (int r = random.nextInt(8); r > 0; r--) {
                server.requestStarted();
            }
            pool.add(server);
        }
        balancer = Balancers.create(config(algorithm), pool);
        requests = new BenchRequest[1024];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new BenchRequest("10." + (i >> 8) + "." + (i & 255) + "." + (i * 7 & 255),
                    "/catalog/item/" + i);
        }
    }

    /** The pick alone. */
    @Benchmark
    public Server pick() {
        return balancer.pick(nextRequest(), null);
    }

    /** A whole request's worth of balancer work: pick, then the taken and released hooks with their counters. */
    @Benchmark
    public Server pickTakeRelease() {
        Server server = balancer.pick(nextRequest(), null);
        server.requestStarted();
        balancer.connectionTaken(server);
        server.requestEnded();
        balancer.connectionReleased(server);
        return server;
    }

    private BenchRequest nextRequest() {
        BenchRequest request = requests[next];
        next = (next + 1) & (requests.length - 1);
        return request;
    }

    private static BalanceConfig config(String name) {
        Algorithm algorithm = switch (name) {
            case "roundrobin" -> Algorithm.ROUNDROBIN;
            case "static-rr" -> Algorithm.STATIC_RR;
            case "leastconn" -> Algorithm.LEASTCONN;
            case "random" -> Algorithm.RANDOM;
            case "p2c" -> Algorithm.P2C;
            case "source" -> Algorithm.SOURCE;
            case "hash-ring", "hash-maglev" -> Algorithm.HASH;
            default -> throw new IllegalArgumentException("unknown algorithm " + name);
        };
        HashMethod method = name.equals("hash-ring") ? HashMethod.RING : HashMethod.MAGLEV;
        return new BalanceConfig(algorithm, HashKey.PATH, Optional.empty(), method, 65537, 100, Optional.empty());
    }

    /** A request with a client address and a path, as the proxy would hand over. */
    private record BenchRequest(String clientAddress, String path) implements RequestContext {

        @Override
        public String uri() {
            return path;
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public String cookie(String name) {
            return null;
        }

        @Override
        public String queryParameter(String name) {
            return null;
        }
    }
}
