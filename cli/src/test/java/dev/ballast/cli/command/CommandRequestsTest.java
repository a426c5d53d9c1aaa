package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.testing.Ctl;
import dev.ballast.cli.testing.Fixtures;
import dev.ballast.cli.testing.RecordingAdminServer;
import dev.ballast.cli.testing.RecordingAdminServer.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command sends exactly the request the admin API contract names, with the token, and prints the reply. */
class CommandRequestsTest {

    private static final String TOKEN = "s3cret-token";
    private static final String BEARER = "Bearer " + TOKEN;

    @TempDir
    Path home;

    @RegisterExtension
    final RecordingAdminServer node = new RecordingAdminServer();

    private Ctl.Result ctl(String... args) {
        return Ctl.run(home, Map.of("BALLAST_URL", node.url(), "BALLAST_TOKEN", TOKEN), args);
    }

    private static Request get(String path, String query) {
        return new Request("GET", path, query, "", BEARER, null);
    }

    private static Request postJson(String path, String body) {
        return new Request("POST", path, null, body, BEARER, "application/json");
    }

    @Test
    void statusReadsNodeClusterAndBackends() {
        node.replyWithFixture("GET /api/v1/node", "node.json")
                .replyWithFixture("GET /api/v1/cluster", "cluster.json")
                .replyWithFixture("GET /api/v1/backends", "backends.json");

        Ctl.Result result = ctl("status");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(node.requests()).containsExactly(get("/api/v1/node", null), get("/api/v1/cluster", null),
                get("/api/v1/backends", null));
        assertThat(result.out()).isEqualTo("""
                node:      lb1 (primary), version 0.1.0-SNAPSHOT, up 1h 02m since 2026-11-26T23:00:00Z
                config:    /etc/ballast/config.yaml (sha256 9f86d081884c)
                cluster:   ballast, 2 members, quorum reached (majority)
                vips:      127.0.0.100/32 on lb1, 127.0.0.101/32 UNOWNED
                failover:  2026-11-26T23:10:00Z lb2 -> lb1: lb2 left the view

                MEMBER      ADDRESS         ROLE     ELIGIBLE  VIPS
                lb1 (self)  127.0.0.1:7800  primary  yes       127.0.0.100/32
                lb2         127.0.0.1:7801  standby  yes       -

                BACKEND  BALANCE     USABLE/TOTAL  SESSIONS
                web      roundrobin           1/2         4
                api      leastconn            0/0         0
                """);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void statusJsonCombinesTheThreeReplies() {
        node.replyWithFixture("GET /api/v1/node", "node.json")
                .replyWithFixture("GET /api/v1/cluster", "cluster-disabled.json")
                .replyWithFixture("GET /api/v1/backends", "backends.json");

        Ctl.Result result = ctl("status", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode printed = Fixtures.parse(result.out());
        assertThat(printed.get("node")).isEqualTo(Fixtures.json("node.json"));
        assertThat(printed.get("cluster")).isEqualTo(Fixtures.json("cluster-disabled.json"));
        assertThat(printed.get("backends")).isEqualTo(Fixtures.json("backends.json").get("backends"));
    }

    @Test
    void membersReadsTheCluster() {
        node.replyWithFixture("GET /api/v1/cluster", "cluster.json");

        Ctl.Result result = ctl("members");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(node.requests()).containsExactly(get("/api/v1/cluster", null));
        assertThat(result.out()).isEqualTo("""
                MEMBER      ADDRESS         ROLE     ELIGIBLE  VIPS
                lb1 (self)  127.0.0.1:7800  primary  yes       127.0.0.100/32
                lb2         127.0.0.1:7801  standby  yes       -
                """);
    }

    @Test
    void backendsListsOrShowsOne() {
        node.replyWithFixture("GET /api/v1/backends", "backends.json")
                .replyWithFixture("GET /api/v1/backends/web", "backend-web.json");

        Ctl.Result all = ctl("backends");
        Ctl.Result one = ctl("backends", "web", "--json");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).isEqualTo("""
                BACKEND  BALANCE     USABLE/TOTAL  SESSIONS
                web      roundrobin           1/2         4
                api      leastconn            0/0         0
                """);
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(Fixtures.parse(one.out())).isEqualTo(Fixtures.json("backend-web.json"));
        assertThat(node.requests()).containsExactly(get("/api/v1/backends", null), get("/api/v1/backends/web", null));
    }

    @Test
    void serversReadsOneBackendAndEncodesItsName() {
        node.replyWithFixture("GET /api/v1/backends/my%20web", "backend-web.json");

        Ctl.Result result = ctl("servers", "my web");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(node.requests()).containsExactly(get("/api/v1/backends/my%20web", null));
        assertThat(result.out()).startsWith("backend web (roundrobin): 1/2 servers usable\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"drain", "ready", "maint"})
    void adminStatesPostTheState(String state) {
        node.replyWithFixture("POST /api/v1/backends/web/servers/web1/state", "server-web1-drained.json");

        Ctl.Result result = ctl(state, "web/web1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(node.requests()).containsExactly(
                postJson("/api/v1/backends/web/servers/web1/state", "{\"state\":\"" + state + "\"}"));
        assertThat(result.out()).isEqualTo("web/web1: admin drain, health up, weight 2 (effective 0)\n");
    }

    @Test
    void weightPostsTheNumber() {
        node.replyWithFixture("POST /api/v1/backends/web/servers/web1/weight", "server-web1-drained.json");

        Ctl.Result result = ctl("weight", "web/web1", "0", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(node.requests()).containsExactly(
                postJson("/api/v1/backends/web/servers/web1/weight", "{\"weight\":0}"));
        assertThat(Fixtures.parse(result.out())).isEqualTo(Fixtures.json("server-web1-drained.json"));
    }

    @Test
    void healthPostsTheForceInLowerCase() {
        node.replyWithFixture("POST /api/v1/backends/web/servers/web1/health", "server-web1-drained.json");

        Ctl.Result down = ctl("health", "web/web1", "DOWN");
        Ctl.Result none = ctl("health", "web/web1", "none");

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(node.requests()).containsExactly(
                postJson("/api/v1/backends/web/servers/web1/health", "{\"force\":\"down\"}"),
                postJson("/api/v1/backends/web/servers/web1/health", "{\"force\":\"none\"}"));
    }

    @Test
    void promotePostsTheNodeName() {
        node.replyWithFixture("POST /api/v1/cluster/promote", "cluster.json");

        Ctl.Result result = ctl("promote", "lb2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(node.requests()).containsExactly(postJson("/api/v1/cluster/promote", "{\"node\":\"lb2\"}"));
        assertThat(result.out()).startsWith("promotion of lb2 requested\nMEMBER ");
    }

    @Test
    void reloadPostsNoBody() {
        node.replyWithFixture("POST /api/v1/reload", "reload.json");

        Ctl.Result result = ctl("reload");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(node.requests()).containsExactly(new Request("POST", "/api/v1/reload", null, "", BEARER, null));
        assertThat(result.out()).isEqualTo("configuration reloaded (sha256 "
                + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08)\n");
    }

    @Test
    void sessionsCountsAllOrOneBackendAndLooksUpAKey() {
        node.replyWithFixture("GET /api/v1/sessions", "sessions.json")
                .replyWithFixture("GET /api/v1/sessions?backend=web", "sessions.json")
                .replyWithFixture("GET /api/v1/sessions?backend=web&key=a%20b%2Bc", "session-lookup.json");

        Ctl.Result all = ctl("sessions");
        Ctl.Result web = ctl("sessions", "--backend", "web");
        Ctl.Result key = ctl("sessions", "--backend", "web", "--key", "a b+c");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).isEqualTo("BACKEND  SESSIONS\nweb            12\napi             0\n");
        assertThat(web.exitCode()).as(web.err()).isZero();
        assertThat(key.exitCode()).as(key.err()).isZero();
        assertThat(key.out()).isEqualTo("web: key a b -> server web2 (expires in 1.2s)\n");
        assertThat(node.requests()).containsExactly(get("/api/v1/sessions", null),
                get("/api/v1/sessions", "backend=web"), get("/api/v1/sessions", "backend=web&key=a%20b%2Bc"));
    }

    @Test
    void optionsMayComeBeforeOrAfterTheCommand() {
        node.replyWithFixture("GET /api/v1/cluster", "cluster.json");

        Ctl.Result before = Ctl.run(home, Map.of("BALLAST_TOKEN", TOKEN), "--url", node.url(), "--json", "members");
        Ctl.Result after = Ctl.run(home, Map.of("BALLAST_TOKEN", TOKEN), "members", "--url", node.url(), "--json");

        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(Fixtures.parse(before.out())).isEqualTo(Fixtures.json("cluster.json"));
        assertThat(after.out()).isEqualTo(before.out());
    }
}
