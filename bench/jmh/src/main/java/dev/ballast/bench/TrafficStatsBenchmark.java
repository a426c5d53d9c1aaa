package dev.ballast.bench;

import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.config.InvalidConfigException;
import dev.ballast.node.stats.BackendTraffic;
import dev.ballast.node.stats.TrafficCounters;
import dev.ballast.node.stats.TrafficStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the traffic statistics cost one proxied request on the event loop: the calls {@code Exchange} makes from
 * its start to its report (frontend, backend and server started, server slot released, responses and latencies of
 * all three, ended), with the same lookups by name. {@code oneLoop} runs on one thread, {@code twoLoops} on two
 * sharing the same counters, as two event loops serving one backend do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrafficStatsBenchmark {

    private static final String CONFIG = """
            frontends:
              - {name: web, bind: "127.0.0.1:8080", default-backend: app}
            backends:
              - name: app
                servers:
                  - {name: web1, address: "127.0.0.1:9001"}
                  - {name: web2, address: "127.0.0.1:9002"}
                  - {name: web3, address: "127.0.0.1:9003"}
            """;

    private TrafficStats stats;
    private TrafficCounters frontend;

    @Setup
    public void setUp() throws InvalidConfigException {
        stats = TrafficStats.of(ConfigLoader.parse(CONFIG, "benchmark"));
        frontend = stats.frontend("web");
    }

    @Benchmark
    @Threads(1)
    public void oneLoop() {
        request();
    }

    @Benchmark
    @Threads(2)
    public void twoLoops() {
        request();
    }

    private void request() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long serverMicros = 200 + random.nextInt(5_000);
        frontend.requestStarted();
        BackendTraffic backend = stats.backend("app");
        backend.counters().requestStarted();
        TrafficCounters server = backend.server(random.nextBoolean() ? "web1" : "web2");
        server.requestStarted();
        server.requestEnded();
        frontend.requestEnded();
        frontend.response(200);
        frontend.latency(serverMicros + 50);
        backend.counters().requestEnded();
        backend.counters().response(200);
        backend.counters().latency(serverMicros);
        server.response(200);
        server.latency(serverMicros);
    }
}
