package dev.ballast.node.metrics;

import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.HealthCheckConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.RouteConfig;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.runtime.NodeWiring;
import dev.ballast.node.testing.AccessLogCapture;
import dev.ballast.node.testing.RawClient;
import dev.ballast.node.testing.ScriptedServer;
import dev.ballast.node.testing.TestConfigs;
import dev.ballast.node.testing.TestHandlers;
import dev.ballast.node.testing.TestHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ballast.node.testing.TestConfigs.backend;
import static dev.ballast.node.testing.TestConfigs.defaultBackendTimeouts;
import static dev.ballast.node.testing.TestConfigs.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A known sequence of requests through a real node (production balancers, rule routing, health checks) must show
 * exactly in the access log and in the Prometheus exposition: 7 × 200, 2 × 404 (no route), 1 × 503 (the only
 * server is down), 1 × 502 (the server hangs up), 1 × 400 (refused by the request guard).
 */
class TrafficObservedIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private TestHttpServer app;
    private ScriptedServer hangsUp;
    private NodeRuntime node;
    private AccessLogCapture accessLog;

    @BeforeEach
    void start() throws IOException {
        app = TestHttpServer.start(() -> TestHandlers.describe("a1"));
        hangsUp = new ScriptedServer(socket -> ScriptedServer.readHead(socket.getInputStream()));
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        FrontendConfig web = new FrontendConfig("web", new HostPort("127.0.0.1", 0), FrontendConfig.Mode.HTTP, 0,
                Optional.empty(), List.of(route("/app", "app"), route("/down", "down"), route("/broken", "broken")),
                TestConfigs.allForwardedHeaders(), TestConfigs.defaultFrontendTimeouts(),
                new FrontendConfig.Limits(8192, 32768));
        BackendConfig down = backend("down", defaultBackendTimeouts(), 0, List.of(server("d1", closedPort, 0)));
        down = new BackendConfig(down.name(), down.balance(), down.sticky(), tcpCheckFallingAtOnce(),
                down.passiveCheck(), down.timeouts(), down.pool(), down.retries(), down.redispatch(),
                down.allBackups(), down.panicThreshold(), down.clusterWideLoad(), down.servers());
        BallastConfig config = TestConfigs.node(1, Duration.ofSeconds(1), List.of(web), List.of(
                backend("app", defaultBackendTimeouts(), 0, List.of(server("a1", app.port(), 0))),
                down,
                backend("broken", defaultBackendTimeouts(), 0, List.of(server("b1", hangsUp.port(), 0)))));
        accessLog = new AccessLogCapture();
        node = NodeWiring.runtime(config);
        node.start();
    }

    private static RouteConfig route(String pathPrefix, String backend) {
        return new RouteConfig(backend, Optional.empty(), Optional.of(pathPrefix), Optional.empty(), List.of(),
                Optional.empty());
    }

    /** TCP checks every 100 ms, down after one failure: a server on a closed port is down almost at once. */
    private static HealthCheckConfig tcpCheckFallingAtOnce() {
        Duration interval = Duration.ofMillis(100);
        return new HealthCheckConfig(HealthCheckConfig.Type.TCP, interval, interval, interval,
                Duration.ofSeconds(1), 1, 1, 0.0, HealthCheckConfig.InitialState.UP, "GET", "/", Optional.empty(),
                List.of(new HealthCheckConfig.StatusRange(200, 399)), Optional.empty(), Optional.empty());
    }

    @AfterEach
    void stop() throws IOException {
        if (node != null) {
            node.stop(Duration.ZERO);
        }
        if (accessLog != null) {
            accessLog.close();
        }
        app.close();
        hangsUp.close();
    }

    @Test
    void aKnownSequenceOfRequestsShowsExactlyInTheAccessLogAndTheMetrics() throws Exception {
        await("server d1 down").atMost(Duration.ofSeconds(20))
                .until(() -> sample(scrape(), "ballast_server_up", "backend", "down", "server", "d1") == 0);
        int port = node.listenAddress("web").getPort();
        List<String> sent = new ArrayList<>();
        try (RawClient client = new RawClient(port)) {
            for (int i = 0; i < 7; i++) {
                assertThat(exchange(client, sent, "/app/" + i)).isEqualTo(200);
            }
            assertThat(exchange(client, sent, "/nowhere")).isEqualTo(404);
            assertThat(exchange(client, sent, "/")).isEqualTo(404);
            assertThat(exchange(client, sent, "/down/x")).isEqualTo(503);
            assertThat(exchange(client, sent, "/broken/x")).isEqualTo(502);
        }
        accessLog.awaitLines(11);
        try (RawClient smuggler = new RawClient(port)) {
            smuggler.send("GET /app/s HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
            assertThat(smuggler.read().status()).isEqualTo(400);
        }
        List<String> lines = accessLog.awaitLines(12);

        String time = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
        String client = "127\\.0\\.0\\.1:\\d+";
        assertThat(lines).hasSize(12);
        for (int i = 0; i < 7; i++) {
            assertThat(lines.get(i)).matches(time + " " + client + " web app/a1 \\d+/0/\\d+/\\d+/\\d+ 200 "
                    + sent.get(i).length() + "/[1-9]\\d* \"GET /app/" + i + "\"");
        }
        assertThat(lines.get(7)).matches(time + " " + client + " web -/- \\d+/-1/-1/-1/\\d+ 404 "
                + sent.get(7).length() + "/[1-9]\\d* \"GET /nowhere\"");
        assertThat(lines.get(8)).matches(time + " " + client + " web -/- \\d+/-1/-1/-1/\\d+ 404 "
                + sent.get(8).length() + "/[1-9]\\d* \"GET /\"");
        assertThat(lines.get(9)).matches(time + " " + client + " web down/- \\d+/-1/-1/-1/\\d+ 503 "
                + sent.get(9).length() + "/[1-9]\\d* \"GET /down/x\"");
        assertThat(lines.get(10)).matches(time + " " + client + " web broken/b1 \\d+/\\d+/\\d+/-1/\\d+ 502 "
                + sent.get(10).length() + "/[1-9]\\d* \"GET /broken/x\"");
        assertThat(lines.get(11)).matches(time + " " + client + " web -/- -1/-1/-1/-1/\\d+ 400 [1-9]\\d*/[1-9]\\d* \"- -\"");

        String metrics = scrape();
        assertThat(sample(metrics, "ballast_frontend_requests_total", "frontend", "web")).isEqualTo(12);
        assertResponses(metrics, "frontend", "web", null, 7, 3, 2);
        assertThat(sample(metrics, "ballast_frontend_active_requests", "frontend", "web")).isZero();
        assertThat(sample(metrics, "ballast_frontend_request_duration_seconds_count", "frontend", "web"))
                .isEqualTo(12);

        assertThat(sample(metrics, "ballast_backend_requests_total", "backend", "app")).isEqualTo(7);
        assertResponses(metrics, "backend", "app", null, 7, 0, 0);
        assertThat(sample(metrics, "ballast_backend_response_duration_seconds_count", "backend", "app"))
                .isEqualTo(7);
        assertThat(sample(metrics, "ballast_server_requests_total", "backend", "app", "server", "a1")).isEqualTo(7);
        assertResponses(metrics, "server", "app", "a1", 7, 0, 0);
        assertThat(sample(metrics, "ballast_server_response_duration_seconds_count", "backend", "app", "server",
                "a1")).isEqualTo(7);
        assertThat(sample(metrics, "ballast_server_response_duration_seconds_bucket", "backend", "app", "server",
                "a1", "le", "+Inf")).isEqualTo(7);
        assertErrors(metrics, "app", "a1", 0);

        assertThat(sample(metrics, "ballast_backend_requests_total", "backend", "down")).isEqualTo(1);
        assertResponses(metrics, "backend", "down", null, 0, 0, 1);
        assertThat(sample(metrics, "ballast_server_requests_total", "backend", "down", "server", "d1")).isZero();
        assertThat(sample(metrics, "ballast_backend_usable_servers", "backend", "down")).isZero();
        assertThat(sample(metrics, "ballast_server_health", "backend", "down", "server", "d1", "state", "down"))
                .isEqualTo(1);
        assertThat(sample(metrics, "ballast_server_health", "backend", "down", "server", "d1", "state", "up"))
                .isZero();
        assertThat(sample(metrics, "ballast_server_health_changes_total", "backend", "down", "server", "d1",
                "to", "down")).isEqualTo(1);

        assertThat(sample(metrics, "ballast_backend_requests_total", "backend", "broken")).isEqualTo(1);
        assertResponses(metrics, "backend", "broken", null, 0, 0, 1);
        assertThat(sample(metrics, "ballast_server_requests_total", "backend", "broken", "server", "b1"))
                .isEqualTo(1);
        assertResponses(metrics, "server", "broken", "b1", 0, 0, 0);
        assertErrors(metrics, "broken", "b1", 1);
        assertThat(sample(metrics, "ballast_backend_errors_total", "backend", "broken", "kind", "other"))
                .isEqualTo(1);

        assertThat(sample(metrics, "ballast_server_up", "backend", "app", "server", "a1")).isEqualTo(1);
        assertThat(sample(metrics, "ballast_server_admin_state", "backend", "app", "server", "a1", "state",
                "ready")).isEqualTo(1);
        assertThat(sample(metrics, "ballast_server_queued_requests", "backend", "app", "server", "a1")).isZero();
        assertThat(sample(metrics, "ballast_backend_usable_servers", "backend", "app")).isEqualTo(1);
        assertThat(metrics).contains("# TYPE ballast_server_response_duration_seconds histogram");
    }

    /** Sends one GET on the keep-alive connection, remembers its bytes, returns the status. */
    private static int exchange(RawClient client, List<String> sent, String path) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n";
        sent.add(request);
        client.send(request);
        return client.read().status();
    }

    private static void assertResponses(String metrics, String scope, String name, String server, long ok,
                                        long clientErrors, long serverErrors) {
        String metric = "ballast_" + scope + "_responses_total";
        String[] labels = server == null ? new String[]{scope, name} : new String[]{"backend", name, "server", server};
        Map<String, Long> expected = Map.of("1xx", 0L, "2xx", ok, "3xx", 0L, "4xx", clientErrors, "5xx",
                serverErrors, "other", 0L);
        expected.forEach((code, count) -> {
            String[] withCode = append(labels, "code", code);
            assertThat(sample(metrics, metric, withCode)).as(metric + " " + List.of(withCode)).isEqualTo(count);
        });
    }

    private static void assertErrors(String metrics, String backend, String server, long other) {
        assertThat(sample(metrics, "ballast_server_errors_total", "backend", backend, "server", server, "kind",
                "connect")).isZero();
        assertThat(sample(metrics, "ballast_server_errors_total", "backend", backend, "server", server, "kind",
                "timeout")).isZero();
        assertThat(sample(metrics, "ballast_server_errors_total", "backend", backend, "server", server, "kind",
                "other")).isEqualTo(other);
    }

    private static String[] append(String[] labels, String name, String value) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        node.metrics().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The value of the one sample of {@code metric} with exactly these labels (name, value, ...), whatever their
     * order in the exposition; fails when there is none.
     */
    private static long sample(String exposition, String metric, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(metric)) {
                continue;
            }
            Map<String, String> found = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.equals(wanted)) {
                double value = Double.parseDouble(sample.group(3));
                assertThat(value).as(line).isEqualTo(Math.rint(value));
                return (long) value;
            }
        }
        throw new AssertionError("no sample " + metric + wanted + " in:\n" + exposition);
    }
}
