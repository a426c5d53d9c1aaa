package dev.ballast.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.node.demo.DemoBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes as separate processes ({@code ballast run}, safe failure detection, ports in this suite's range
 * 29000-29999) share the operator's decisions on servers: a drain, a weight and a forced health taken through the
 * admin API of one node show in every node's admin API and steer every node's traffic; they stay in force when the
 * node that took them is killed, and a node restarted afterwards takes them from the cluster on joining. A reload
 * that changes a weight in the file applies it on every node and leaves the other decisions in force.
 */
class AdminStateReplicationIT {

    private static final String TOKEN = "admin-state-it-token";
    /** Owned by one node, which serves nothing on it: traffic goes through each node's own frontend. */
    private static final String VIP = "127.0.29.100";
    private static final int CLUSTER_PORT = 29100; // failure detection uses port + 100
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration SPREAD = Duration.ofSeconds(20);
    private static final Pattern ADMIN_URL = Pattern.compile("Admin API listening on (http://\\S+)");
    private static final Pattern FRONTEND_PORT = Pattern.compile("Frontend http listening on \\S*:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<DemoBackend> servers = new ArrayList<>();
    private final List<NodeProcess> processes = new ArrayList<>();
    /** The started nodes by name (a restarted node replaces its killed self). */
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    /** A node process with the addresses it logged. */
    private record Node(NodeProcess process, String adminUrl, int frontendPort) {
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (NodeProcess process : processes) {
            process.close();
        }
        servers.forEach(DemoBackend::close);
    }

    @Test
    void decisionsTakenOnAnyNodeApplyOnAllAndOutliveTheNodeThatTookThem() throws Exception {
        Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Files.writeString(dir.resolve("cluster-secret"), "a shared secret for the admin state replication test\n");
        for (String name : List.of("s1", "s2")) {
            DemoBackend server = DemoBackend.onLoopback(name);
            server.start();
            servers.add(server);
        }
        Map<String, NodeProcess> launched = new LinkedHashMap<>();
        for (String name : List.of("a", "b", "c")) {
            launched.put(name, launch(name)); // all at once: each JVM takes seconds to start on a busy machine
        }
        launched.forEach(this::addStarted);
        for (String name : nodes.keySet()) {
            await(name + " sees three members and two usable servers").atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(500)).until(() -> get(name, "/api/v1/cluster")
                            .path("members").size() == 3 && get(name, "/api/v1/backends/web")
                            .path("usableServers").asInt() == 2);
        }

        post("a", "/api/v1/backends/web/servers/s1/state", "{\"state\":\"drain\"}");
        post("b", "/api/v1/backends/web/servers/s2/weight", "{\"weight\":7}");
        post("c", "/api/v1/backends/web/servers/s1/health", "{\"force\":\"down\"}");

        for (String name : List.of("a", "b", "c")) {
            awaitDecisionsShownBy(name);
        }
        assertThat(backendsAnswering("b", 20)).as("servers answering through b after s1 was drained on a")
                .containsOnly("s2");

        Node a = nodes.get("a");
        a.process().kill();
        for (String name : List.of("b", "c")) {
            await(name + " sees a leave").atMost(SPREAD).until(() -> get(name, "/api/v1/cluster")
                    .path("members").size() == 2);
            awaitDecisionsShownBy(name);
        }
        assertThat(backendsAnswering("c", 20)).as("servers answering through c after a was killed")
                .containsOnly("s2");

        addStarted("a", launch("a"));
        await("the restarted a sees three members").atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                .until(() -> get("a", "/api/v1/cluster").path("members").size() == 3);
        // By state transfer on joining, or (when it first formed a cluster of its own on a busy machine) by the merge.
        awaitDecisionsShownBy("a");
        assertThat(backendsAnswering("a", 20)).as("servers answering through the restarted a").containsOnly("s2");

        // A reload applies what changed in the file as a decision of its own; the others stand.
        Files.writeString(dir.resolve("a.yaml"), config("a", 3), StandardCharsets.UTF_8);
        post("a", "/api/v1/reload", "");
        for (String name : List.of("a", "b", "c")) {
            await(name + " shows the weight reloaded on a").atMost(SPREAD).untilAsserted(() ->
                    assertThat(server(get(name, "/api/v1/backends/web"), "s1").path("weight").asInt()).isEqualTo(3));
            awaitDecisionsShownBy(name);
        }
    }

    /** s1 drained (by a) and forced down (by c), s2 weighs 7 (set on b). */
    private void awaitDecisionsShownBy(String node) {
        await(node + " shows the decisions taken on a, b and c").atMost(SPREAD).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode backend = get(node, "/api/v1/backends/web");
                    JsonNode s1 = server(backend, "s1");
                    JsonNode s2 = server(backend, "s2");
                    assertThat(s1.path("adminState").asText()).isEqualTo("drain");
                    assertThat(s1.path("health").path("forced").asText()).isEqualTo("down");
                    assertThat(s2.path("weight").asInt()).isEqualTo(7);
                    assertThat(s2.path("adminState").asText()).isEqualTo("ready");
                });
    }

    private static JsonNode server(JsonNode backend, String name) {
        for (JsonNode server : backend.path("servers")) {
            if (server.path("name").asText().equals(name)) {
                return server;
            }
        }
        throw new AssertionError("no server " + name + " in " + backend);
    }

    /** The servers (X-Backend) that answered {@code requests} requests, each on a new connection, through a node. */
    private List<String> backendsAnswering(String node, int requests) throws IOException, InterruptedException {
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = fresh.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + nodes.get(node).frontendPort() + "/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("request %d through %s", i, node).isEqualTo(200);
            answered.add(response.headers().firstValue("X-Backend").orElse("none"));
        }
        return answered;
    }

    private JsonNode get(String node, String path) throws IOException, InterruptedException {
        return call(node, HttpRequest.newBuilder(URI.create(nodes.get(node).adminUrl() + path)).GET());
    }

    private void post(String node, String path, String body) throws IOException, InterruptedException {
        call(node, HttpRequest.newBuilder(URI.create(nodes.get(node).adminUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode call(String node, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s on %s: %s", request.build().uri(), node, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private NodeProcess launch(String name) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), config(name, 1), StandardCharsets.UTF_8);
        NodeProcess process = NodeProcess.start(name, config);
        processes.add(process);
        return process;
    }

    /** Records the addresses a launched node logs once its admin API and frontend listen. */
    private void addStarted(String name, NodeProcess process) {
        nodes.put(name, new Node(process, process.awaitFound(STARTUP, ADMIN_URL),
                Integer.parseInt(process.awaitFound(STARTUP, FRONTEND_PORT))));
    }

    private String config(String name, int weightOfS1) {
        return """
                node:
                  name: %s
                  graceful-stop: 1s
                admin:
                  bind: "127.0.0.1:0"
                  token-file: token
                frontends:
                  - name: http
                    bind: "127.0.0.1:0"
                    default-backend: web
                backends:
                  - name: web
                    health-check: {type: http, path: /health, interval: 200ms, timeout: 5s}
                    servers:
                      - {name: s1, address: "127.0.0.1:%d", weight: %d}
                      - {name: s2, address: "127.0.0.1:%d"}
                cluster:
                  enabled: true
                  name: admin-state-it
                  bind: %s
                  peers: [%s, %s, %s]
                  secret-file: cluster-secret
                  profile: safe
                vips:
                  - address: %s/32
                    mode: bind
                """.formatted(name, servers.get(0).port(), weightOfS1, servers.get(1).port(), clusterAddress(name),
                clusterAddress("a"), clusterAddress("b"), clusterAddress("c"), VIP);
    }

    private static String clusterAddress(String node) {
        return "127.0.29." + (node.charAt(0) - 'a' + 1) + ":" + CLUSTER_PORT;
    }
}
