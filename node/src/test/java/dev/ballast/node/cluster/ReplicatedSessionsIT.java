package dev.ballast.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.node.demo.DemoBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three node processes ({@code ballast run}, safe failure-detection profile, majority quorum, bind-mode VIP on
 * loopback) share their source-IP sticky sessions through the replicated table: a client stuck through one node is
 * routed to the same server by the others, expiry happens on every node, and after a kill -9 of the primary the new
 * primary routes every one of 10,000 sticky clients to its server. Clients are told apart by their source address
 * (any of 127.0.0.0/8). Tests run in order on one cluster; the last one kills its primary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedSessionsIT {

    private static final String VIP = "127.0.28.100";
    private static final int CLUSTER_PORT = 28100;
    private static final int WEB_PORT = 28010;
    private static final int BRIEF_PORT = 28011;
    private static final int COOKIE_PORT = 28012;
    private static final int ADMIN_PORT = 28900;
    private static final String TOKEN = "replicated-sessions-it-token";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final int SESSIONS = 10_000;
    private static final int CLIENT_THREADS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private final List<DemoBackend> servers = new ArrayList<>();
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final HttpClient admin = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startCluster() throws IOException {
        for (String name : List.of("s1", "s2", "s3")) {
            DemoBackend server = DemoBackend.onLoopback(name);
            server.start();
            servers.add(server);
        }
        Path secret = write("cluster-secret", "correct horse battery staple, shared by all nodes");
        Path token = write("admin-token", TOKEN);
        for (String name : List.of("a", "b", "c")) {
            nodes.put(name, NodeProcess.start(name, write(name + ".yaml", config(name, secret, token))));
        }
        nodes.values().forEach(node -> node.awaitLogged(STARTUP, "(3) ["));
        await("exactly one primary").atMost(STARTUP).during(Duration.ofSeconds(1))
                .until(() -> nodes.values().stream().filter(NodeProcess::isPrimary).count() == 1);
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        for (NodeProcess node : nodes.values()) {
            node.close();
        }
        servers.forEach(DemoBackend::close);
    }

    @Test
    @Order(1)
    void aClientStuckThroughOneNodeIsRoutedToItsServerByTheOthers() throws IOException {
        Map<String, String> stuck = new LinkedHashMap<>();
        for (int i = 1; i <= 60; i++) {
            String client = "127.29.1." + i;
            stuck.put(client, ok(SourceAddressClient.get(client, own("a", WEB_PORT), null)).server());
        }
        assertThat(new HashSet<>(stuck.values())).as("round robin spread the new clients").hasSize(3);
        await("every node has the load reports of all three (cluster-wide-load)").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    for (String node : nodes.keySet()) {
                        assertThat(table(node, "server-load").path("entries").asInt()).as("on %s", node)
                                .isEqualTo(3);
                    }
                });
        await("b and c route every client of a to its server").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String node : List.of("b", "c")) {
                for (Map.Entry<String, String> client : stuck.entrySet()) {
                    assertThat(ok(SourceAddressClient.get(client.getKey(), own(node, WEB_PORT), null)).server())
                            .as("client %s through %s", client.getKey(), node).isEqualTo(client.getValue());
                }
            }
        });

        for (int i = 1; i <= 6; i++) {
            SourceAddressClient.Answer first = ok(SourceAddressClient.get("127.29.2." + i, own("a", COOKIE_PORT),
                    null));
            String cookie = first.setCookie().substring(0, first.setCookie().indexOf(';'));
            for (String node : List.of("b", "c")) {
                assertThat(ok(SourceAddressClient.get("127.29.2.200", own(node, COOKIE_PORT), cookie)).server())
                        .as("cookie %s through %s", cookie, node).isEqualTo(first.server());
            }
        }
    }

    @Test
    @Order(2)
    void aSessionExpiresOnEveryNode() throws Exception {
        String client = "127.29.3.1";
        String server = ok(SourceAddressClient.get(client, own("a", BRIEF_PORT), null)).server();
        Map<String, Long> expiresAt = new ConcurrentHashMap<>();
        await("every node holds the session").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String node : nodes.keySet()) {
                JsonNode session = session(node, "brief", client);
                assertThat(session).as("session on %s", node).isNotNull();
                assertThat(session.path("server").asText()).isEqualTo(server);
                expiresAt.put(node, System.currentTimeMillis() + session.path("expiresInMs").asLong());
            }
        });
        long spread = expiresAt.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - expiresAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        System.out.println("MEASURED expiry of one session as the three nodes report it: spread " + spread + " ms");
        assertThat(spread).as("the nodes agree on when the session expires").isLessThan(3_000);
        await("every node forgets the session after max-idle").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    for (String node : nodes.keySet()) {
                        assertThat(session(node, "brief", client)).as("session on %s", node).isNull();
                    }
                });
    }

    @Test
    @Order(3)
    void afterAKillOfThePrimaryTenThousandStickyClientsStayOnTheirServers() throws Exception {
        NodeProcess primary = nodes.values().stream().filter(NodeProcess::isPrimary).findFirst().orElseThrow();
        InetSocketAddress vip = new InetSocketAddress(VIP, WEB_PORT);
        long started = System.nanoTime();
        Map<String, String> stuck = requestAll(vip);
        long createMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(new HashSet<>(stuck.values())).hasSize(3);
        int expected = sessionCount(primary.name());
        assertThat(expected).isGreaterThanOrEqualTo(SESSIONS);
        await("every node holds every session").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String node : nodes.keySet()) {
                assertThat(sessionCount(node)).as("sessions on %s", node).isEqualTo(expected);
            }
        });

        primary.kill();
        List<NodeProcess> survivors = nodes.values().stream().filter(node -> node != primary).toList();
        await("a survivor becomes primary").atMost(Duration.ofSeconds(30))
                .until(() -> survivors.stream().filter(NodeProcess::isPrimary).count() == 1);
        await("the VIP answers again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> SourceAddressClient.get("127.29.4.1", vip, null).status() == 200);

        started = System.nanoTime();
        Map<String, String> after = requestAll(vip);
        long verifyMillis = (System.nanoTime() - started) / 1_000_000;
        List<String> moved = stuck.keySet().stream().filter(client -> !stuck.get(client).equals(after.get(client)))
                .toList();
        System.out.println("MEASURED " + SESSIONS + " sticky clients: created through " + primary.name() + " in "
                + createMillis + " ms, all checked through the new primary in " + verifyMillis + " ms, "
                + moved.size() + " moved; replication on a survivor: " + replication(survivors.get(0).name()));
        assertThat(moved).as("clients routed to another server after the failover").isEmpty();
    }

    /** One request from each of {@link #SESSIONS} client addresses; the server that answered each. */
    private Map<String, String> requestAll(InetSocketAddress target) throws Exception {
        Map<String, String> answers = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < SESSIONS; i = next.getAndIncrement()) {
                        String client = "127.30." + (i / 250) + "." + (i % 250 + 1);
                        answers.put(client, ok(withRetries(client, target)).server());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return answers;
    }

    /** A connection refused or reset on a busy machine is retried; a wrong answer is not. */
    private static SourceAddressClient.Answer withRetries(String client, InetSocketAddress target) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return SourceAddressClient.get(client, target, null);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static SourceAddressClient.Answer ok(SourceAddressClient.Answer answer) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        assertThat(answer.server()).isNotNull();
        return answer;
    }

    private InetSocketAddress own(String node, int port) {
        return new InetSocketAddress(address(node), port);
    }

    private static String address(String node) {
        return "127.0.28." + (node.charAt(0) - 'a' + 1);
    }

    /** The session of {@code client} as {@code node}'s admin API reports it; null when it holds none (404). */
    private JsonNode session(String node, String backend, String client) throws Exception {
        HttpResponse<String> response = adminGet(node, "/api/v1/sessions?backend=" + backend + "&key=" + client);
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int sessionCount(String node) throws Exception {
        HttpResponse<String> response = adminGet(node, "/api/v1/sessions?backend=web");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("backends").get(0).path("sessions").asInt();
    }

    private JsonNode table(String node, String name) throws Exception {
        for (JsonNode table : JSON.readTree(adminGet(node, "/api/v1/cluster").body()).path("replication")) {
            if (table.path("name").asText().equals(name)) {
                return table;
            }
        }
        throw new AssertionError(node + " reports no replicated table " + name);
    }

    private String replication(String node) throws Exception {
        return JSON.readTree(adminGet(node, "/api/v1/cluster").body()).path("replication").toString();
    }

    private HttpResponse<String> adminGet(String node, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address(node) + ":" + ADMIN_PORT + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build();
        return admin.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String config(String node, Path secret, Path token) {
        String own = address(node);
        String serverList = servers.stream().map(server -> "      - name: " + server.name() + "\n"
                + "        address: 127.0.0.1:" + server.port() + "\n").collect(Collectors.joining());
        String peers = List.of("a", "b", "c").stream().map(peer -> address(peer) + ":" + CLUSTER_PORT)
                .collect(Collectors.joining(", "));
        return """
                node:
                  name: %1$s
                  graceful-stop: 2s
                admin:
                  enabled: true
                  bind: %2$s:%3$d
                  token-file: %4$s
                frontends:
                  - name: web-own
                    bind: %2$s:%5$d
                    default-backend: web
                  - name: brief-own
                    bind: %2$s:%6$d
                    default-backend: brief
                  - name: cookie-own
                    bind: %2$s:%7$d
                    default-backend: cookie
                  - name: web-vip
                    bind: %8$s:%5$d
                    default-backend: web
                backends:
                  - name: web
                    cluster-wide-load: true
                    sticky:
                      mode: source
                      max-idle: 10m
                    health-check: &checks     # lenient: a busy machine must not take a server out mid-test
                      type: http
                      path: /health
                      interval: 2s
                      timeout: 1500ms
                      fall: 5
                    servers:
                %9$s
                  - name: brief
                    sticky:
                      mode: source
                      max-idle: 8s
                    health-check: *checks
                    servers:
                %9$s
                  - name: cookie
                    sticky:
                      mode: cookie
                    health-check: *checks
                    servers:
                %9$s
                cluster:
                  enabled: true
                  name: replicated-sessions-test
                  bind: %2$s:%10$d
                  peers: [%11$s]
                  secret-file: %12$s
                  quorum: majority
                  profile: safe
                vips:
                  - address: %8$s/32
                    mode: bind
                """.formatted(node, own, ADMIN_PORT, token, WEB_PORT, BRIEF_PORT, COOKIE_PORT, VIP,
                serverList.stripTrailing(), CLUSTER_PORT, peers, secret);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
