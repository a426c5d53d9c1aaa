package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.testing.Ctl;
import dev.ballast.cli.testing.CtlProcess;
import dev.ballast.cli.testing.Fixtures;
import dev.ballast.cli.testing.NamedServer;
import dev.ballast.cli.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every ballastctl command against a real node process (bin/ballast run) with its admin API on an ephemeral port
 * and a token file; actions are checked by their effect on that node (state, traffic through its proxy).
 * Most runs are in this JVM (the same code path as the launcher, minus the JVM start); a few go through
 * bin/ballastctl itself.
 */
class BallastCtlIT {

    private static final String TOKEN = "it-admin-token";

    @TempDir
    static Path work;

    private static NamedServer s1;
    private static NamedServer s2;
    private static NamedServer t1;
    private static NodeProcess node;
    private static Path config;
    private static Path tokenFile;
    private static String validYaml;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startNode() throws Exception {
        s1 = NamedServer.start("s1");
        s2 = NamedServer.start("s2");
        t1 = NamedServer.start("t1");
        tokenFile = Files.writeString(work.resolve("token"), TOKEN + "\n");
        validYaml = """
                node:
                  name: ctl-it
                  graceful-stop: 1s
                admin:
                  bind: "127.0.0.1:0"
                  token-file: token
                frontends:
                  - name: web
                    bind: "127.0.0.1:0"
                    default-backend: app
                    routes:
                      - {path-prefix: /sticky, backend: sticky}
                backends:
                  - name: app
                    health-check: {type: http, path: /health, interval: 200ms, fast-interval: 100ms, down-interval: 100ms, timeout: 5s, rise: 1, fall: 3}
                    servers:
                      - {name: s1, address: "127.0.0.1:%d"}
                      - {name: s2, address: "127.0.0.1:%d"}
                  - name: sticky
                    sticky: {mode: source}
                    servers:
                      - {name: t1, address: "127.0.0.1:%d"}
                """.formatted(s1.port(), s2.port(), t1.port());
        config = Files.writeString(work.resolve("node.yaml"), validYaml);
        node = NodeProcess.start(config, work.resolve("node.log"));
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
        for (NamedServer server : new NamedServer[] {s1, s2, t1}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static Ctl.Result ctl(String... args) {
        return Ctl.run(work, Map.of("BALLAST_URL", node.adminUrl(), "BALLAST_TOKEN_FILE", tokenFile.toString()),
                args);
    }

    private static Ctl.Result ok(String... args) {
        Ctl.Result result = ctl(args);
        assertThat(result.exitCode()).as("ballastctl %s: %s", String.join(" ", args), result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return result;
    }

    private static JsonNode json(String... args) {
        String[] withJson = new String[args.length + 1];
        System.arraycopy(args, 0, withJson, 0, args.length);
        withJson[args.length] = "--json";
        return Fixtures.parse(ok(withJson).out());
    }

    private static JsonNode server(String backend, String name) {
        for (JsonNode server : json("backends", backend).path("servers")) {
            if (server.path("name").asText().equals(name)) {
                return server;
            }
        }
        throw new AssertionError("no server " + name + " in backend " + backend);
    }

    /** Which servers answered {@code count} requests through the node's proxy. */
    private Set<String> answeredBy(String path, int count) throws Exception {
        Set<String> names = new HashSet<>();
        URI uri = URI.create("http://127.0.0.1:" + node.frontendPort("web") + path);
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            names.add(response.body());
        }
        return names;
    }

    @Test
    void readCommandsShowTheRunningNode() {
        assertThat(ok("status").out()).contains("node:      ctl-it (standalone), version ",
                "node.yaml (sha256 ", "cluster:   disabled (standalone node)",
                "app      roundrobin           2/2", "sticky   roundrobin           1/1");
        JsonNode status = json("status");
        assertThat(status.path("node").path("name").asText()).isEqualTo("ctl-it");
        assertThat(status.path("cluster").path("enabled").asBoolean()).isFalse();
        assertThat(status.path("backends")).extracting(backend -> backend.path("name").asText())
                .containsExactly("app", "sticky");

        assertThat(ok("members").out()).isEqualTo("clustering is disabled: ctl-it runs standalone\n");
        assertThat(json("members").path("self").asText()).isEqualTo("ctl-it");
        assertThat(ok("backends").out()).startsWith("BACKEND  BALANCE     USABLE/TOTAL  SESSIONS\n");
        assertThat(json("backends").path("backends")).hasSize(2);
        assertThat(json("backends", "app").path("servers")).hasSize(2);
        assertThat(ok("servers", "app").out()).startsWith("backend app (roundrobin): 2/2 servers usable\n")
                .containsPattern("(?m)^s1 +127\\.0\\.0\\.1:" + s1.port() + " +ready +up +1 +1 ")
                .containsPattern("(?m)^s2 +127\\.0\\.0\\.1:" + s2.port() + " +ready +up +1 +1 ");
    }

    @Test
    void unknownNamesFailWithTheNodesMessage() {
        Ctl.Result backend = ctl("servers", "nosuch");
        Ctl.Result server = ctl("drain", "app/nosuch");

        assertThat(backend.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(backend.err()).contains("nosuch", "(HTTP 404 from GET /api/v1/backends/nosuch)");
        assertThat(server.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(server.err()).contains("nosuch", "(HTTP 404 from POST /api/v1/backends/app/servers/nosuch/state)");
    }

    @Test
    void adminStatesTakeAServerOutOfRotationAndBack() throws Exception {
        try {
            assertThat(ok("drain", "app/s1").out()).startsWith("app/s1: admin drain, health up");
            assertThat(server("app", "s1").path("adminState").asText()).isEqualTo("drain");
            assertThat(answeredBy("/", 6)).containsExactly("s2");

            assertThat(json("maint", "app/s1").path("adminState").asText()).isEqualTo("maint");
            assertThat(answeredBy("/", 6)).containsExactly("s2");
        } finally {
            ok("ready", "app/s1");
        }
        assertThat(server("app", "s1").path("adminState").asText()).isEqualTo("ready");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(answeredBy("/", 6)).containsExactlyInAnyOrder("s1", "s2"));
    }

    @Test
    void weightChangesTheServersWeight() throws Exception {
        try {
            JsonNode reply = json("weight", "app/s2", "7");
            assertThat(reply.path("weight").asInt()).isEqualTo(7);
            assertThat(server("app", "s2").path("weight").asInt()).isEqualTo(7);

            assertThat(ok("weight", "app/s2", "0").out()).startsWith("app/s2: admin ready, health ")
                    .contains("weight 0");
            assertThat(answeredBy("/", 6)).containsExactly("s1");
        } finally {
            ok("weight", "app/s2", "1");
        }
        assertThat(server("app", "s2").path("weight").asInt()).isEqualTo(1);
    }

    @Test
    void forcedHealthOverridesTheChecksUntilLifted() throws Exception {
        try {
            JsonNode reply = json("health", "app/s1", "down");
            assertThat(reply.path("health").path("forced").asText()).isEqualTo("down");
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(server("app", "s1").path("health").path("state").asText()).isEqualTo("down"));
            assertThat(ok("backends", "app").out()).contains("1/2");
            assertThat(answeredBy("/", 6)).containsExactly("s2");
        } finally {
            ok("health", "app/s1", "none");
        }
        assertThat(server("app", "s1").path("health").path("forced").isNull()).isTrue();
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(server("app", "s1").path("health").path("state").asText()).isEqualTo("up"));
    }

    @Test
    void sessionsCountAndLookUpASourceSession() throws Exception {
        assertThat(answeredBy("/sticky/x", 1)).containsExactly("t1");

        assertThat(ok("sessions").out()).contains("sticky          1");
        assertThat(json("sessions", "--backend", "sticky").path("backends").get(0).path("sessions").asInt())
                .isEqualTo(1);
        assertThat(ok("sessions", "--backend", "sticky", "--key", "127.0.0.1").out())
                .startsWith("sticky: key 127.0.0.1 -> server t1 (expires in ");
        assertThat(json("sessions", "--backend", "sticky", "--key", "127.0.0.1").path("server").asText())
                .isEqualTo("t1");

        Ctl.Result unknownKey = ctl("sessions", "--backend", "sticky", "--key", "192.0.2.1");
        assertThat(unknownKey.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(unknownKey.err()).contains("192.0.2.1", "HTTP 404");
    }

    @Test
    void promoteOnAStandaloneNodeIsRefused() {
        Ctl.Result result = ctl("promote", "ctl-it");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(result.err()).contains("(HTTP 503 from POST /api/v1/cluster/promote)");
    }

    @Test
    void reloadAppliesAValidFileAndRefusesAnInvalidOneWhole() throws Exception {
        String sha = json("status").path("node").path("configSha256").asText();
        assertThat(ok("reload").out()).isEqualTo("configuration reloaded (sha256 " + sha + ")\n");
        try {
            Files.writeString(config, validYaml.replace("name: s2,", "name: s2, weight: 300,"));
            Ctl.Result invalid = ctl("reload");
            assertThat(invalid.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
            assertThat(invalid.err()).contains("(HTTP 422 from POST /api/v1/reload)",
                    "  backends[app].servers[s2].weight: 300 is not between 0 and 256");
            assertThat(json("status").path("node").path("configSha256").asText()).isEqualTo(sha);
        } finally {
            Files.writeString(config, validYaml);
        }
        assertThat(json("reload").path("reloaded").asBoolean()).isTrue();
    }

    @Test
    void aMissingOrWrongTokenExitsFour() throws IOException {
        Path wrong = Files.writeString(work.resolve("wrong-token"), "not-the-token");

        Ctl.Result none = Ctl.run(work, Map.of("BALLAST_URL", node.adminUrl()), "status");
        Ctl.Result bad = Ctl.run(work, Map.of("BALLAST_URL", node.adminUrl()), "drain", "app/s1",
                "--token-file", wrong.toString());

        assertThat(none.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
        assertThat(none.err()).startsWith("auth refused by " + node.adminUrl() + " (HTTP 401): ")
                .contains("no token was given");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
        assertThat(bad.err()).contains("the token came from --token-file " + wrong);
        assertThat(server("app", "s1").path("adminState").asText()).isEqualTo("ready");
    }

    @Test
    void theLauncherMapsExitCodesAndFindsTheDistributionForConfigCheck() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> settings = Map.of("BALLAST_URL", node.adminUrl(), "BALLAST_TOKEN", TOKEN);

        Ctl.Result status = CtlProcess.run(work, settings, "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(Fixtures.parse(status.out()).path("node").path("name").asText()).isEqualTo("ctl-it");

        Ctl.Result noToken = CtlProcess.run(work, Map.of("BALLAST_URL", node.adminUrl()), "members");
        assertThat(noToken.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);

        Ctl.Result unreachable = CtlProcess.run(work, settings, "members", "--url", "http://127.0.0.1:" + closedPort);
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(unreachable.err()).isEqualTo("cannot reach http://127.0.0.1:" + closedPort
                + ": connection refused\n");

        Ctl.Result valid = CtlProcess.run(work, Map.of(), "config", "check", config.toString());
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).isEqualTo(config + ": configuration is valid\n");

        Path broken = Files.writeString(work.resolve("broken.yaml"),
                validYaml.replace("name: s2,", "name: s2, weight: 300,"));
        Ctl.Result invalid = CtlProcess.run(work, Map.of(), "config", "check", broken.toString());
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(invalid.err()).contains("backends[app].servers[s2].weight: 300 is not between 0 and 256",
                broken + ": configuration is invalid (1 error)");
    }

    @Test
    void settingsFromTheSettingsFileReachTheNode() throws IOException {
        Path settings = Files.writeString(work.resolve("ballastctl.properties"),
                "url=" + node.adminUrl() + "\ntoken-file=token\n");

        Ctl.Result result = Ctl.run(new Environment(Map.of("BALLASTCTL_CONFIG", settings.toString()), work,
                Optional.empty()), "members");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("clustering is disabled: ctl-it runs standalone\n");
    }
}
