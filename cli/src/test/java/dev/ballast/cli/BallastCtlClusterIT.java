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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final Duration FORMING = Duration.ofMinutes(2);

    @TempDir
    static Path work;

    private static NamedServer s1;
    private static NamedServer s2;
    private static NodeProcess a;
    private static NodeProcess b;
    private static Path tokenFile;

    @BeforeAll
    static void startCluster() throws Exception {
        s1 = NamedServer.start("s1");
        s2 = NamedServer.start("s2");
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
                backends:
                  - name: app
                    health-check: {type: http, path: /health, interval: 200ms, timeout: 5s}
                    servers:
                      - {name: s1, address: "127.0.0.1:%d"}
                      - {name: s2, address: "127.0.0.1:%d"}
                cluster:
                  enabled: true
                  name: ctl-cluster-it
                  bind: 127.0.25.%d:%d
                  peers: [127.0.25.1:%d, 127.0.25.2:%d]
                  secret-file: cluster-secret
                vips:
                  - address: %s/32
                    mode: bind
                """.formatted(name, VIP, FRONTEND_PORT, s1.port(), s2.port(), host, CLUSTER_PORT, CLUSTER_PORT,
                CLUSTER_PORT, VIP));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (NodeProcess node : new NodeProcess[] {b, a}) {
            if (node != null) {
                node.close();
            }
        }
        for (NamedServer server : new NamedServer[] {s1, s2}) {
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
}
