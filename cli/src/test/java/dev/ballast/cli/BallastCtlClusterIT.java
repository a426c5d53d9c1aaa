package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.testing.Ctl;
import dev.ballast.cli.testing.Fixtures;
import dev.ballast.cli.testing.NamedServer;
import dev.ballast.cli.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ballastctl against a two-node cluster of real node processes (bind mode on loopback, ports in this suite's range
 * 25000-25999): each node's view of the cluster, and an action taken through one node whose effect shows on the
 * other: a promote, and server actions (replicated to every node through the cluster's admin state).
 */
class BallastCtlClusterIT {

    private static final String TOKEN = "cluster-it-admin-token";
    private static final String VIP = "127.0.25.100";
    private static final int CLUSTER_PORT = 25100; // failure detection uses port + 100
    private static final int FRONTEND_PORT = 25010;
    /** Each node's own frontend (not on the VIP), in front of the source-sticky backend. */
    private static final int DIRECT_PORT = 25011;
    private static final Duration FORMING = Duration.ofMinutes(2);

    @TempDir
    static Path work;

    private static NamedServer s1;
    private static NamedServer s2;
    private static NamedServer t1;
    private static NodeProcess a;
    private static NodeProcess b;
    private static Path tokenFile;

    @BeforeAll
    static void startCluster() throws Exception {
        s1 = NamedServer.start("s1");
        s2 = NamedServer.start("s2");
        t1 = NamedServer.start("t1");
        tokenFile = Files.writeString(work.resolve("token"), TOKEN + "\n");
        Files.writeString(work.resolve("cluster-secret"), "a shared secret for the ballastctl cluster test\n");
        a = NodeProcess.start(config("a", 1), work.resolve("a.log"));
        b = NodeProcess.start(config("b", 2), work.resolve("b.log"));
        for (NodeProcess node : new NodeProcess[] {a, b}) {
            await("both nodes see two members").atMost(FORMING).pollInterval(Duration.ofMillis(500))
                    .until(() -> members(node).size() == 2);
        }
    }

    private static Path config(String name, int host) throws IOException {
        return Files.writeString(work.resolve(name + ".yaml"), """
                node:
                  name: %s
                  graceful-stop: 1s
                admin:
                  bind: "127.0.0.1:0"
                  token-file: token
                frontends:
                  - name: http
                    bind: %s:%d
                    default-backend: app
                  - name: direct
                    bind: 127.0.25.%d:%d
                    default-backend: sticky
                backends:
                  - name: app
                    health-check: {type: http, path: /health, interval: 200ms, timeout: 5s}
                    servers:
                      - {name: s1, address: "127.0.0.1:%d"}
                      - {name: s2, address: "127.0.0.1:%d"}
                  - name: sticky
                    sticky: {mode: source}
                    servers:
                      - {name: t1, address: "127.0.0.1:%d"}
                cluster:
                  enabled: true
                  name: ctl-cluster-it
                  bind: 127.0.25.%d:%d
                  peers: [127.0.25.1:%d, 127.0.25.2:%d]
                  secret-file: cluster-secret
                vips:
                  - address: %s/32
                    mode: bind
                """.formatted(name, VIP, FRONTEND_PORT, host, DIRECT_PORT, s1.port(), s2.port(), t1.port(), host,
                CLUSTER_PORT, CLUSTER_PORT, CLUSTER_PORT, VIP));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (NodeProcess node : new NodeProcess[] {b, a}) {
            if (node != null) {
                node.close();
            }
        }
        for (NamedServer server : new NamedServer[] {s1, s2, t1}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static Ctl.Result ctl(NodeProcess node, String... args) {
        return Ctl.run(work, Map.of("BALLAST_URL", node.adminUrl(), "BALLAST_TOKEN_FILE", tokenFile.toString()),
                args);
    }

    private static JsonNode cluster(NodeProcess node) {
        Ctl.Result result = ctl(node, "members", "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return Fixtures.parse(result.out());
    }

    private static JsonNode members(NodeProcess node) {
        return cluster(node).path("members");
    }

    /** The name of the member the node sees as primary, or null while there is none. */
    private static String primarySeenBy(NodeProcess node) {
        for (JsonNode member : members(node)) {
            if (member.path("role").asText().equals("primary")) {
                return member.path("name").asText();
            }
        }
        return null;
    }

    @Test
    void eachNodeShowsBothMembersOnePrimaryAndTheVipOwner() {
        await().atMost(FORMING).until(() -> primarySeenBy(a) != null && primarySeenBy(a).equals(primarySeenBy(b)));
        String primary = primarySeenBy(a);

        Ctl.Result members = ctl(b, "members");
        assertThat(members.exitCode()).as(members.err()).isZero();
        assertThat(members.out()).startsWith("MEMBER    ADDRESS").contains("b (self)", "primary", "standby");

        Ctl.Result status = ctl(a, "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("node:      a (", "cluster:   ctl-cluster-it, 2 members, no quorum policy",
                "vips:      " + VIP + "/32 on " + primary).containsPattern("(?m)^app +roundrobin +[0-2]/2 ");
    }

    @Test
    void promoteThroughOneNodeMovesThePrimaryRoleAsTheOtherNodeSees() {
        await().atMost(FORMING).until(() -> primarySeenBy(a) != null && primarySeenBy(a).equals(primarySeenBy(b)));
        NodeProcess standby = primarySeenBy(a).equals("a") ? b : a;
        NodeProcess primary = standby == a ? b : a;
        String standbyName = standby == a ? "a" : "b";

        Ctl.Result promote = ctl(standby, "promote", standbyName);

        assertThat(promote.exitCode()).as(promote.err()).isZero();
        assertThat(promote.out()).startsWith("promotion of " + standbyName + " requested\n");
        await(standbyName + " is primary as the other node sees it").atMost(Duration.ofSeconds(60))
                .until(() -> standbyName.equals(primarySeenBy(primary)));
        JsonNode vip = cluster(primary).path("vips").get(0);
        assertThat(vip.path("owner").asText()).isEqualTo(standbyName);

        Ctl.Result unknown = ctl(primary, "promote", "nobody");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(unknown.err()).contains("nobody", "(HTTP 404 from POST /api/v1/cluster/promote)");
    }

    @Test
    void drainThroughOneNodeShowsInTheServersOfTheOther() {
        try {
            Ctl.Result drain = ctl(b, "drain", "app/s1");
            assertThat(drain.exitCode()).as(drain.err()).isZero();
            assertThat(drain.out()).startsWith("app/s1: admin drain");

            await("a shows s1 drained").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Ctl.Result servers = ctl(a, "servers", "app");
                assertThat(servers.exitCode()).as(servers.err()).isZero();
                assertThat(servers.out()).containsPattern("(?m)^s1 +127\\.0\\.0\\.1:" + s1.port() + " +drain ")
                        .containsPattern("(?m)^s2 +127\\.0\\.0\\.1:" + s2.port() + " +ready ");
            });
        } finally {
            Ctl.Result ready = ctl(a, "ready", "app/s1");
            assertThat(ready.exitCode()).as(ready.err()).isZero();
        }
        await("b shows s1 ready again, as decided through a").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ctl(b, "servers", "app").out()).containsPattern("(?m)^s1 +\\S+ +ready "));
    }

    @Test
    void serverActionsThroughOneNodeShowInTheJsonOfTheOther() {
        try {
            assertThat(json(b, "maint", "app/s2").path("adminState").asText()).isEqualTo("maint");
            await("a shows s2 in maint").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(server(a, "s2").path("adminState").asText()).isEqualTo("maint"));

            assertThat(json(b, "weight", "app/s1", "7").path("weight").asInt()).isEqualTo(7);
            await("a shows s1's weight 7").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(server(a, "s1").path("weight").asInt()).isEqualTo(7));

            assertThat(json(b, "health", "app/s1", "down").path("health").path("forced").asText())
                    .isEqualTo("down");
            await("a shows s1 forced down").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(server(a, "s1").path("health").path("forced").asText()).isEqualTo("down"));

            Ctl.Result outOfRange = ctl(b, "weight", "app/s1", "300");
            assertThat(outOfRange.exitCode()).isEqualTo(ExitCodes.USAGE);
        } finally {
            for (String[] undo : new String[][] {{"ready", "app/s2"}, {"weight", "app/s1", "1"},
                    {"health", "app/s1", "none"}}) {
                Ctl.Result result = ctl(a, undo);
                assertThat(result.exitCode()).as(result.err()).isZero();
            }
        }
        await("b shows every decision taken back through a").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(server(b, "s2").path("adminState").asText()).isEqualTo("ready");
            assertThat(server(b, "s1").path("weight").asInt()).isEqualTo(1);
            assertThat(server(b, "s1").path("health").path("forced").isNull()).isTrue();
        });
    }

    @Test
    void aSessionCreatedThroughOneNodeIsFoundThroughTheOther() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.25.2:" + DIRECT_PORT + "/")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("t1");

        await("a knows the session created through b").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(a, "sessions", "--backend", "sticky", "--key", "127.0.0.1").path("server").asText())
                        .isEqualTo("t1"));
        assertThat(ok(a, "sessions").out()).containsPattern("(?m)^sticky +1\\b");
    }

    @Test
    void aReloadThroughOneNodeChangesAWeightOnBoth() throws Exception {
        Path file = work.resolve("b.yaml");
        String original = Files.readString(file);
        try {
            Files.writeString(file, original.replace("- {name: s2, address:", "- {name: s2, weight: 5, address:"));
            assertThat(json(b, "reload").path("reloaded").asBoolean()).isTrue();
            await("a shows the weight b's file gave s2").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(server(a, "s2").path("weight").asInt()).isEqualTo(5));
        } finally {
            Files.writeString(file, original);
            assertThat(json(b, "reload").path("reloaded").asBoolean()).isTrue();
        }
        await("a shows s2's weight back at 1").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(server(a, "s2").path("weight").asInt()).isEqualTo(1));
    }

    private static Ctl.Result ok(NodeProcess node, String... args) {
        Ctl.Result result = ctl(node, args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }

    private static JsonNode json(NodeProcess node, String... args) {
        String[] withJson = Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        return Fixtures.parse(ok(node, withJson).out());
    }

    /** The server of backend app as {@code node} reports it. */
    private static JsonNode server(NodeProcess node, String name) {
        for (JsonNode server : json(node, "backends", "app").path("servers")) {
            if (server.path("name").asText().equals(name)) {
                return server;
            }
        }
        throw new AssertionError("no server " + name + " in backend app on " + node);
    }
}
