package dev.ballast.node.cluster;

import dev.ballast.node.demo.DemoBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nodes as separate processes ({@code ballast run}) in bind mode on loopback: only the primary listens on the VIP
 * 127.0.21.100; a client loop against the VIP shows what users see when the primary dies or stops. The nodes use
 * the safe failure-detection profile: a killed process is detected by its closed sockets in either profile, and a
 * busy CI machine must not cause false suspicions (which the fast profile's 300 ms heartbeat timeout can).
 */
class NodeFailoverIT {

    private static final String VIP = "127.0.21.100";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Generous: CI machines are small and busy; the measured gap is printed for the record. */
    private static final long KILL_GAP_BOUND_MILLIS = 10_000;

    /** Each test its own ports (in this suite's range 21000-21999), so nothing lingers from the previous one. */
    private static int nextPortOffset;

    @TempDir
    Path dir;

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<DemoBackend> backends = new ArrayList<>();
    private Path secret;
    private Path adminToken;
    private int clusterPort;
    private int frontendPort;
    private int adminPort;

    @BeforeEach
    void setUp() throws IOException {
        int offset = nextPortOffset++;
        clusterPort = 21100 + offset;
        frontendPort = 21010 + offset;
        adminPort = 21300 + offset; // 21200+: the cluster ports + 100 (FD_SOCK2)
        secret = writeFile("cluster-secret", "correct horse battery staple, shared by all nodes");
        adminToken = writeFile("admin-token", "an admin token for the promote test");
        for (String name : List.of("s1", "s2")) {
            DemoBackend backend = DemoBackend.onLoopback(name);
            backend.start();
            backends.add(backend);
        }
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (NodeProcess node : nodes) {
            node.close();
        }
        backends.forEach(DemoBackend::close);
    }

    @Test
    void killedPrimaryIsReplacedAndReturnsAsStandby() throws Exception {
        NodePair pair = startPair();
        NodeProcess primary = pair.primary();
        NodeProcess standby = pair.standby();

        try (ClientLoop client = clientAnsweredThroughThePrimary()) {
            long killedAt = System.nanoTime();
            Instant killedAtClock = Instant.now(); // to read the nodes' log lines against
            primary.kill();
            await(standby.name() + " takes over and answers").atMost(Duration.ofSeconds(30))
                    .until(() -> client.successesAfter(killedAt) >= 20);
            long gap = client.longestGapMillis();
            System.out.println("MEASURED kill -9 of the primary in bind mode at " + killedAtClock + ": longest gap "
                    + gap + " ms, " + client.failures().size() + " failed request(s) of " + client.outcomes().size());
            assertThat(standby.isPrimary()).isTrue();
            assertThat(gap).isLessThan(KILL_GAP_BOUND_MILLIS);

            NodeProcess returning = start(primary.name(), "none", secret, 2);
            returning.awaitLogged(STARTUP, "(2) [");
            await("the returning node stays standby").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> standby.isPrimary() && !returning.everPrimary());
            int failuresBefore = client.failures().size();
            long checkedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.successesAfter(checkedAt) >= 20);
            assertThat(client.failures()).hasSize(failuresBefore);
        }
    }

    @Test
    void gracefulStopOfThePrimaryIsHitless() throws Exception {
        NodePair pair = startPair();
        NodeProcess primary = pair.primary();
        NodeProcess standby = pair.standby();

        try (ClientLoop client = clientAnsweredThroughThePrimary()) {
            primary.terminate();
            assertThat(primary.awaitExit(Duration.ofSeconds(30))).as("SIGTERM stops the primary").isTrue();
            long stoppedAt = System.nanoTime();
            await("the client keeps getting answers through " + standby.name()).atMost(Duration.ofSeconds(30))
                    .until(() -> client.successesAfter(stoppedAt) >= 50);
            client.close();
            System.out.println("MEASURED SIGTERM of the primary in bind mode: " + client.failures().size()
                    + " failed request(s) of " + client.outcomes().size() + ", longest gap "
                    + client.longestGapMillis() + " ms");
            assertThat(client.failures()).as("failed requests during the handover").isEmpty();
            assertThat(standby.isPrimary()).isTrue();
            assertThat(primary.logged("role primary -> standby")).isTrue();
        }
    }

    @Test
    void promoteHandsTheVipToTheStandbyHitlessly() throws Exception {
        NodePair pair = startPair();
        NodeProcess primary = pair.primary();
        NodeProcess standby = pair.standby();

        try (ClientLoop client = clientAnsweredThroughThePrimary()) {
            HttpRequest promote = HttpRequest.newBuilder(
                            URI.create("http://" + adminAddress(primary.name()) + "/api/v1/cluster/promote"))
                    .header("Authorization", "Bearer " + Files.readString(adminToken).trim())
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"node\":\"" + standby.name() + "\"}")).build();
            // The standby is refused (409) until its own health checks have found a usable server.
            await("the primary accepts promoting " + standby.name()).atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        HttpResponse<String> answer = HttpClient.newHttpClient().send(promote,
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    });
            await(standby.name() + " becomes primary").atMost(Duration.ofSeconds(30))
                    .until(() -> standby.isPrimary() && !primary.isPrimary());
            primary.awaitLogged(Duration.ofSeconds(30), "Handing VIP");
            long handedOverAt = System.nanoTime();
            await("the client keeps getting answers after the handover").atMost(Duration.ofSeconds(30))
                    .until(() -> client.successesAfter(handedOverAt) >= 50);
            client.close();
            System.out.println("MEASURED promote in bind mode: " + client.failures().size() + " failed request(s) of "
                    + client.outcomes().size() + ", longest gap " + client.longestGapMillis() + " ms");
            assertThat(client.failures()).as("failed requests during the handover").isEmpty();
        }
    }

    @Test
    void primaryWhoseServersAllFailHandsTheVipToTheStandby() throws Exception {
        DemoBackend serverOfA = backends.get(0);
        DemoBackend serverOfB = backends.get(1);
        NodeProcess a = start("a", "none", secret, 2, List.of(serverOfA));
        NodeProcess b = start("b", "none", secret, 2, List.of(serverOfB));
        NodePair pair = NodePair.awaitOnePrimary(a, b, STARTUP);
        NodeProcess primary = pair.primary();
        NodeProcess standby = pair.standby();

        (primary == a ? serverOfA : serverOfB).healthy(false);

        await(standby.name() + " takes over from the primary without a usable server").atMost(Duration.ofSeconds(30))
                .until(() -> standby.isPrimary() && !primary.isPrimary());
        assertThat(primary.logged("Data plane NOT eligible to hold VIPs: no usable server in any backend"))
                .isTrue();
        try (ClientLoop client = new ClientLoop(vip())) {
            await("the client is served by " + standby.name()).atMost(Duration.ofSeconds(10))
                    .until(() -> client.successesAfter(0) >= 10);
        }
    }

    @Test
    void nodeWithAnotherSecretCannotJoinNorTakeTheVip() throws Exception {
        // Three nodes configured, majority quorum: two members hold the VIP; a lone node never may.
        NodeProcess a = start("a", "majority", secret, 3);
        NodeProcess b = start("b", "majority", secret, 3);
        NodeProcess primary = NodePair.awaitOnePrimary(a, b, STARTUP).primary();

        Path wrongSecret = writeFile("wrong-secret", "a different secret of sufficient length");
        NodeProcess intruder = start("c", "majority", wrongSecret, 3);
        intruder.awaitLogged(STARTUP, "Node c running");
        await("the cluster stays as it was").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> primary.isPrimary() && !intruder.everPrimary());
        assertThat(intruder.logged("(1) [c]")).as("the intruder stands alone").isTrue();
        assertThat(a.logged(", c]") || b.logged(", c]")).as("no member ever saw the intruder").isFalse();
        try (ClientLoop client = new ClientLoop(vip())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.successesAfter(0) >= 10);
        }
    }

    /** A client loop against the VIP, once it has had 20 answers (through the primary: only it listens). */
    private ClientLoop clientAnsweredThroughThePrimary() throws InterruptedException {
        ClientLoop client = new ClientLoop(vip());
        try {
            await("the client gets answers through the primary").atMost(STARTUP)
                    .until(() -> client.successesAfter(0) >= 20);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Nodes a and b, two peers, no quorum: once both see each other and exactly one of them is primary. */
    private NodePair startPair() throws IOException {
        return NodePair.awaitOnePrimary(start("a", "none", secret, 2), start("b", "none", secret, 2), STARTUP);
    }

    private InetSocketAddress vip() {
        return new InetSocketAddress(VIP, frontendPort);
    }

    /** Node {@code name} on 127.0.21.x; peers are the first {@code peers} of a, b, c. */
    private NodeProcess start(String name, String quorum, Path secretFile, int peers) throws IOException {
        return start(name, quorum, secretFile, peers, backends);
    }

    /** Node {@code name} in front of {@code servers}. */
    private NodeProcess start(String name, String quorum, Path secretFile, int peers, List<DemoBackend> servers)
            throws IOException {
        String peerList = List.of("a", "b", "c").subList(0, peers).stream().map(this::clusterAddress)
                .collect(Collectors.joining(", "));
        String serverList = servers.stream().map(backend -> "      - name: " + backend.name() + "\n"
                + "        address: 127.0.0.1:" + backend.port() + "\n").collect(Collectors.joining());
        String yaml = """
                node:
                  name: %s
                  graceful-stop: 5s
                admin:
                  bind: %s
                  token-file: %s
                frontends:
                  - name: http
                    bind: %s:%d
                    default-backend: web
                backends:
                  - name: web
                    health-check:
                      type: http
                      path: /health
                      interval: 500ms
                      fast-interval: 200ms
                    servers:
                %scluster:
                  enabled: true
                  name: failover-test
                  bind: %s
                  peers: [%s]
                  secret-file: %s
                  quorum: %s
                  profile: safe
                vips:
                  - address: %s/32
                    mode: bind
                """.formatted(name, adminAddress(name), adminToken, VIP, frontendPort, serverList, clusterAddress(name), peerList, secretFile, quorum,
                VIP);
        NodeProcess node = NodeProcess.start(name, writeFile(name + ".yaml", yaml));
        nodes.add(node);
        return node;
    }

    private String adminAddress(String node) {
        return "127.0.21." + (node.charAt(0) - 'a' + 1) + ":" + adminPort;
    }

    private String clusterAddress(String node) {
        return "127.0.21." + (node.charAt(0) - 'a' + 1) + ":" + clusterPort;
    }

    private Path writeFile(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
