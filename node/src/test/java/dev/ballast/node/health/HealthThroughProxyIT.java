package dev.ballast.node.health;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Server;
import dev.ballast.node.balance.ServerStatus;
import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.config.InvalidConfigException;
import dev.ballast.node.demo.DemoBackend;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.runtime.NodeWiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health checking as traffic sees it: real demo backends behind the node assembled from YAML, switched to failing
 * or killed, and a client that counts which backend answered each request (the X-Backend header).
 */
class HealthThroughProxyIT {

    /** Fall/rise bounds are fall × interval + timeout; this covers a loaded 2-core box on top. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(500);
    private static final int RISE = 2;
    private static final int FALL = 2;
    private static final int STEADY_REQUESTS = 60;

    private final List<DemoBackend> demos = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private NodeRuntime node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop(Duration.ZERO);
        }
        demos.forEach(DemoBackend::close);
    }

    @Test
    void failingServerLeavesRotationAndReturnsAfterRise() throws Exception {
        DemoBackend a = demo("a");
        DemoBackend b = demo("b");
        DemoBackend c = demo("c");
        start(activeChecks(), server("a", a, ""), server("b", b, ""), server("c", c, ""));
        assertThat(countBackends(STEADY_REQUESTS)).containsKeys("a", "b", "c");

        b.healthy(false);
        Duration fallBound = INTERVAL.multipliedBy(FALL).plus(CHECK_TIMEOUT).plus(SLACK);
        await().atMost(fallBound).pollInterval(Duration.ofMillis(20)).until(() -> !usable("b"));
        long servedByBWhenDown = b.requests();
        Map<String, Integer> whileDown = countBackends(STEADY_REQUESTS);
        assertThat(whileDown).doesNotContainKey("b").doesNotContainKey("status 503");
        assertThat(whileDown.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(STEADY_REQUESTS);
        // counted by the backend itself, so that no request tried on it and retried elsewhere goes unseen
        assertThat(b.requests()).as("requests that reached b while it was down").isEqualTo(servedByBWhenDown);
        assertThat(a.requests() + c.requests()).isGreaterThanOrEqualTo(STEADY_REQUESTS);

        b.healthy(true);
        Duration riseBound = INTERVAL.multipliedBy(RISE).plus(CHECK_TIMEOUT).plus(SLACK);
        await().atMost(riseBound).pollInterval(Duration.ofMillis(20)).until(() -> usable("b"));
        assertThat(countBackends(STEADY_REQUESTS)).containsKeys("a", "b", "c");
    }

    @Test
    void killedServerGoesDownAndGetsNoTraffic() throws Exception {
        DemoBackend a = demo("a");
        DemoBackend b = demo("b");
        start(activeChecks(), server("a", a, ""), server("b", b, ""));

        b.close();
        await().atMost(INTERVAL.multipliedBy(FALL).plus(CHECK_TIMEOUT).plus(SLACK)).until(() -> !usable("b"));
        assertThat(countBackends(STEADY_REQUESTS)).isEqualTo(Map.of("a", STEADY_REQUESTS));
    }

    @Test
    void backupServesWhileAllPrimariesFailAndGivesBackWhenOneReturns() throws Exception {
        DemoBackend p1 = demo("p1");
        DemoBackend p2 = demo("p2");
        DemoBackend spare = demo("spare");
        start(activeChecks(), server("p1", p1, ""), server("p2", p2, ""), server("spare", spare, "backup: true"));
        assertThat(countBackends(STEADY_REQUESTS)).containsOnlyKeys("p1", "p2");

        p1.healthy(false);
        p2.healthy(false);
        await().atMost(INTERVAL.multipliedBy(FALL).plus(CHECK_TIMEOUT).plus(SLACK))
                .until(() -> !usable("p1") && !usable("p2"));
        long servedByPrimaries = p1.requests() + p2.requests();
        assertThat(countBackends(STEADY_REQUESTS)).isEqualTo(Map.of("spare", STEADY_REQUESTS));
        assertThat(p1.requests() + p2.requests()).as("requests that reached a failing primary")
                .isEqualTo(servedByPrimaries);

        p1.healthy(true);
        await().atMost(INTERVAL.multipliedBy(RISE).plus(CHECK_TIMEOUT).plus(SLACK)).until(() -> usable("p1"));
        assertThat(countBackends(STEADY_REQUESTS)).isEqualTo(Map.of("p1", STEADY_REQUESTS));
    }

    @Test
    void nothingUsableAnswers503SayingSo() throws Exception {
        DemoBackend only = demo("only");
        start(activeChecks(), server("only", only, ""));

        only.healthy(false);
        await().atMost(INTERVAL.multipliedBy(FALL).plus(CHECK_TIMEOUT).plus(SLACK)).until(() -> !usable("only"));
        HttpResponse<String> response = get();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("no server available in backend 'app'");
    }

    /**
     * No retries, so each request to the closed server is one failure the client sees too: exactly max-fails of
     * them, then it is out; after fail-timeout it is tried again.
     */
    @Test
    void passiveChecksEjectAClosedServerWithoutActiveChecks() throws Exception {
        DemoBackend alive = demo("alive");
        DemoBackend closed = demo("closed");
        start("""
                    retries: 0
                    health-check:
                      type: none
                    passive-check:
                      max-fails: 3
                      fail-timeout: 3s
                """, server("alive", alive, ""), server("closed", closed, ""));
        closed.close();

        assertThat(refusalsUntilEjected("closed", "alive")).isEqualTo(3);
        // a few requests, well within fail-timeout even on a loaded box
        assertThat(countBackends(10)).isEqualTo(Map.of("alive", 10));

        await().atMost(Duration.ofSeconds(3).plus(SLACK)).until(() -> usable("closed"));
        assertThat(refusalsUntilEjected("closed", "alive")).as("tried again after fail-timeout").isEqualTo(3);
    }

    /** Sends requests (at most 50) until {@code dead} is out of rotation; returns how many it refused. */
    private int refusalsUntilEjected(String dead, String alive) throws IOException, InterruptedException {
        int refused = 0;
        for (int i = 0; i < 50 && usable(dead); i++) {
            HttpResponse<String> response = get();
            if (response.statusCode() == 503) {
                assertThat(response.body()).contains("server '" + dead + "' unreachable");
                refused++;
            } else {
                assertThat(response.headers().firstValue("X-Backend")).hasValue(alive);
            }
        }
        assertThat(usable(dead)).as(dead + " ejected").isFalse();
        return refused;
    }

    @Test
    void timeoutsAnd5xxCountWhenOn5xxIsSet() throws Exception {
        DemoBackend flaky = demo("flaky");
        start(passiveOnly(true), server("flaky", flaky, ""));

        assertThat(get("/delay?ms=5000").statusCode()).isEqualTo(504);
        assertThat(usable("flaky")).as("one failure of two").isTrue();
        assertThat(get("/status?code=502").statusCode()).isEqualTo(502);
        assertThat(usable("flaky")).as("ejected after a timeout and a 502").isFalse();
        HttpResponse<String> nothingLeft = get("/");
        assertThat(nothingLeft.statusCode()).isEqualTo(503);
        assertThat(nothingLeft.body()).contains("no server available in backend 'app'");
    }

    @Test
    void a5xxIsAnAnswerWhenOn5xxIsOff() throws Exception {
        DemoBackend flaky = demo("flaky");
        start(passiveOnly(false), server("flaky", flaky, ""));

        assertThat(get("/delay?ms=5000").statusCode()).isEqualTo(504);
        assertThat(get("/status?code=500").statusCode()).isEqualTo(500);
        assertThat(get("/delay?ms=5000").statusCode()).isEqualTo(504);
        assertThat(usable("flaky")).as("the 500 ended the failure streak").isTrue();
    }

    private static String passiveOnly(boolean on5xx) {
        return """
                    retries: 0
                    timeouts:
                      server: 300ms
                    health-check:
                      type: none
                    passive-check:
                      max-fails: 2
                      fail-timeout: 1m
                      on-5xx: %s
                """.formatted(on5xx);
    }

    @Test
    void slowStartRampsTheWeightUpToTheConfiguredOne() throws Exception {
        DemoBackend steady = demo("steady");
        DemoBackend ramped = demo("ramped");
        start(activeChecks(), server("steady", steady, ""), server("ramped", ramped, """
                weight: 10
                        slowstart: 3s"""));
        ramped.healthy(false);
        await().atMost(INTERVAL.multipliedBy(FALL).plus(CHECK_TIMEOUT).plus(SLACK)).until(() -> !usable("ramped"));

        ramped.healthy(true);
        await().atMost(INTERVAL.multipliedBy(RISE).plus(CHECK_TIMEOUT).plus(SLACK)).pollInterval(Duration.ofMillis(20))
                .until(() -> usable("ramped"));
        ServerStatus justUp = status("ramped");
        assertThat(justUp.slowStarting()).isTrue();
        assertThat(justUp.effectiveWeight()).isLessThan(10);

        await().atMost(Duration.ofSeconds(3).plus(SLACK)).until(() -> {
            ServerStatus status = status("ramped");
            return !status.slowStarting() && status.effectiveWeight() == 10;
        });
    }

    // ---- helpers ----

    private DemoBackend demo(String name) throws IOException {
        DemoBackend demo = DemoBackend.onLoopback(name);
        demos.add(demo);
        demo.start();
        return demo;
    }

    private static String activeChecks() {
        return """
                    health-check:
                      type: http
                      path: /health
                      interval: %dms
                      fast-interval: %dms
                      down-interval: %dms
                      timeout: %dms
                      rise: %d
                      fall: %d
                """.formatted(INTERVAL.toMillis(), INTERVAL.toMillis(), INTERVAL.toMillis(),
                CHECK_TIMEOUT.toMillis(), RISE, FALL);
    }

    /** One server entry; {@code extra} holds further keys, each on its own line at the server's indentation. */
    private static String server(String name, DemoBackend demo, String extra) {
        String entry = """
                      - name: %s
                        address: 127.0.0.1:%d
                """.formatted(name, demo.port());
        return extra.isEmpty() ? entry : entry + "        " + extra + "\n";
    }

    private void start(String backendSettings, String... servers) throws InvalidConfigException {
        String yaml = """
                node:
                  threads: 2
                frontends:
                  - name: web
                    bind: 127.0.0.1:0
                    default-backend: app
                backends:
                  - name: app
                %s    servers:
                %s""".formatted(backendSettings, String.join("", servers));
        node = NodeWiring.runtime(ConfigLoader.parse(yaml, "health-through-proxy.yaml"));
        node.start();
    }

    private Backend backend() {
        return node.backends().get("app");
    }

    private Server serverNamed(String name) {
        return backend().servers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private boolean usable(String name) {
        return backend().isUsable(serverNamed(name));
    }

    private ServerStatus status(String name) {
        return ((BackendBalancer) backend().balancer()).status(serverNamed(name));
    }

    private HttpResponse<String> get() throws IOException, InterruptedException {
        return get("/");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        InetSocketAddress address = node.listenAddress("web");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code requests} requests one after another; counts answers by X-Backend, others as "status N". */
    private Map<String, Integer> countBackends(int requests) throws IOException, InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = get();
            String key = response.statusCode() == 200
                    ? response.headers().firstValue("X-Backend").orElse("no X-Backend")
                    : "status " + response.statusCode();
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }
}
