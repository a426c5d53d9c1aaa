package dev.ballast.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every admin endpoint over real HTTP against a running node with demo backends (contract: docs/admin-api.md). */
class AdminApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every authenticated endpoint, as method and path. */
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"GET", "/metrics"}, new String[] {"GET", "/stats"}, new String[] {"GET", "/api/v1/node"},
            new String[] {"GET", "/api/v1/cluster"}, new String[] {"POST", "/api/v1/cluster/promote"},
            new String[] {"GET", "/api/v1/backends"}, new String[] {"GET", "/api/v1/backends/app"},
            new String[] {"POST", "/api/v1/backends/app/servers/a/state"},
            new String[] {"POST", "/api/v1/backends/app/servers/a/weight"},
            new String[] {"POST", "/api/v1/backends/app/servers/a/health"},
            new String[] {"GET", "/api/v1/sessions"}, new String[] {"POST", "/api/v1/reload"},
            new String[] {"GET", "/no/such/path"});

    @TempDir
    Path folder;
    private AdminNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private AdminNode start(String backendSettings) throws Exception {
        node = new AdminNode(folder, "token-file: token", AdminNode.threeServers(backendSettings),
                AdminWiring.Ports.nothingWired("admin-test"));
        return node;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as("status of %s", response.request().uri()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).isEqualTo(message);
    }

    private static void assertErrorContains(HttpResponse<String> response, int status, String... fragments)
            throws Exception {
        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).contains(fragments);
    }

    // ---- authentication ----

    @Test
    void healthzAnswersWithoutAToken() throws Exception {
        start("");
        HttpResponse<String> response = node.send("GET", "/healthz", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\":\"up\"}"));
    }

    @Test
    void everyOtherRequestWithoutOrWithAWrongTokenIs401() throws Exception {
        start("");
        String basicWrong = "Basic " + Base64.getEncoder().encodeToString("ops:wrong".getBytes(StandardCharsets.UTF_8));
        for (String[] endpoint : PROTECTED) {
            for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + AdminNode.TOKEN + "x",
                    "Bearer", basicWrong, "Basic !!!", AdminNode.TOKEN}) {
                HttpResponse<String> response = node.send(endpoint[0], endpoint[1], null, authorization);
                assertError(response, 401, "missing or invalid bearer token");
                assertThat(String.join(", ", response.headers().allValues("www-authenticate")))
                        .isEqualTo("Bearer realm=\"ballast\", Basic realm=\"ballast\"");
            }
        }
    }

    @Test
    void basicAuthWithAnyUserAndTheTokenAsPasswordIsAccepted() throws Exception {
        start("");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("anyone:" + AdminNode.TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> stats = node.send("GET", "/stats", null, basic);
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(stats.body()).contains("<title>Ballast stats</title>").doesNotContain("src=\"http", "href=\"http");
        assertThat(node.send("GET", "/api/v1/node", null, basic).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAConfiguredTokenEveryRequestButHealthzIs401() throws Exception {
        node = new AdminNode(folder, "", AdminNode.threeServers(""), AdminWiring.Ports.nothingWired("admin-test"));
        for (String[] endpoint : PROTECTED) {
            assertError(node.send(endpoint[0], endpoint[1], null, "Bearer anything"), 401,
                    "the admin API has no token configured (admin.token or admin.token-file)");
        }
        assertThat(node.send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }

    // ---- reads ----

    @Test
    void nodeSaysWhoItIsAndWhichConfigurationItRuns() throws Exception {
        Instant before = Instant.now();
        start("");
        JsonNode body = json(node.get("/api/v1/node"));
        assertThat(body.get("name").asText()).isEqualTo("admin-test");
        assertThat(body.get("version").asText()).isEqualTo(NodeReport.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(Instant.parse(body.get("startedAt").asText())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(body.get("uptimeSeconds").asLong()).isBetween(0L, 60L);
        assertThat(body.get("configFile").asText()).isEqualTo(node.configFile.toAbsolutePath().toString());
        assertThat(body.get("configSha256").asText()).isEqualTo(sha256(node.configFile));
        assertThat(body.get("role").asText()).isEqualTo("standalone");
    }

    @Test
    void aNodeWithoutClusteringSaysSoAndRefusesPromote() throws Exception {
        start("");
        assertThat(json(node.get("/api/v1/cluster"))).isEqualTo(JSON.readTree("""
                {"enabled":false,"name":null,"self":"admin-test","quorum":null,"members":[],"vips":[],
                 "lastFailover":null,"replication":[]}"""));
        assertError(node.post("/api/v1/cluster/promote", "{\"node\":\"lb2\"}"), 503,
                "clustering is disabled on this node (cluster.enabled is false)");
    }

    @Test
    void backendsShowEveryServersStateHealthAndLoad() throws Exception {
        start("");
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            JsonNode servers = json(node.get("/api/v1/backends")).get("backends").get(0).get("servers");
            for (JsonNode server : servers) {
                if (server.get("health").get("lastCheck").isNull()) {
                    return false;
                }
            }
            return true;
        });
        JsonNode backends = json(node.get("/api/v1/backends")).get("backends");
        assertThat(backends).hasSize(1);
        JsonNode app = backends.get(0);
        assertThat(app.get("name").asText()).isEqualTo("app");
        assertThat(app.get("balance").asText()).isEqualTo("roundrobin");
        assertThat(app.get("usableServers").asInt()).isEqualTo(3);
        assertThat(app.get("sessions").asInt()).isZero();
        JsonNode a = app.get("servers").get(0);
        assertThat(a.get("name").asText()).isEqualTo("a");
        assertThat(a.get("address").asText()).isEqualTo("127.0.0.1:" + node.servers.get("a").port());
        assertThat(a.get("backup").asBoolean()).isFalse();
        assertThat(a.get("weight").asInt()).isEqualTo(1);
        assertThat(a.get("effectiveWeight").asInt()).isEqualTo(1);
        assertThat(a.get("adminState").asText()).isEqualTo("ready");
        assertThat(a.get("health").get("state").asText()).isEqualTo("up");
        assertThat(a.get("health").get("forced").isNull()).isTrue();
        JsonNode check = a.get("health").get("lastCheck");
        assertThat(check.get("ok").asBoolean()).isTrue();
        assertThat(check.get("message").asText()).contains("200");
        assertThat(check.get("durationMs").asDouble()).isPositive();
        assertThat(Instant.parse(check.get("at").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(a.get("activeRequests").asInt()).isZero();
        assertThat(a.get("queued").asInt()).isZero();
        assertThat(a.has("requests")).as("no traffic numbers without a statistics source").isFalse();
        assertThat(a.has("latencyMs")).isFalse();
        JsonNode one = json(node.get("/api/v1/backends/app"));
        assertThat(one.get("name").asText()).isEqualTo("app");
        assertThat(one.get("servers").findValuesAsText("name")).containsExactly("a", "b", "c");

        node.servers.get("b").healthy(false);
        await().atMost(20, TimeUnit.SECONDS).until(() -> json(node.get("/api/v1/backends/app"))
                .get("servers").get(1).get("health").get("state").asText().equals("down"));
        JsonNode b = json(node.get("/api/v1/backends/app")).get("servers").get(1);
        assertThat(b.get("health").get("lastCheck").get("ok").asBoolean()).isFalse();
        assertThat(json(node.get("/api/v1/backends/app")).get("usableServers").asInt()).isEqualTo(2);
    }

    @Test
    void aServerInFlightIsCountedAsAnActiveRequest() throws Exception {
        start("");
        Thread slow = new Thread(() -> {
            try (var client = new dev.ballast.node.testing.RawClient(node.proxyPort())) {
                client.send("GET /delay?ms=3000 HTTP/1.1\r\nHost: t\r\n\r\n");
                client.read();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        slow.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            int active = 0;
            for (JsonNode server : json(node.get("/api/v1/backends/app")).get("servers")) {
                active += server.get("activeRequests").asInt();
            }
            return active == 1;
        });
        slow.join(20_000);
    }

    // ---- actions change traffic ----

    @Test
    void drainKeepsOnlyStickyClientsMaintTakesNothingReadyBringsTheServerBack() throws Exception {
        start("sticky: {mode: cookie}");
        String home;
        String cookie;
        try (var client = new dev.ballast.node.testing.RawClient(node.proxyPort())) {
            client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            var first = client.read();
            home = first.header("x-backend");
            cookie = "Cookie: " + first.header("set-cookie").substring(0, first.header("set-cookie").indexOf(';'))
                    + "\r\n";
        }
        String state = "/api/v1/backends/app/servers/" + home + "/state";

        HttpResponse<String> drained = node.post(state, "{\"state\":\"drain\"}");
        assertThat(drained.statusCode()).isEqualTo(200);
        assertThat(json(drained).get("name").asText()).isEqualTo(home);
        assertThat(json(drained).get("adminState").asText()).isEqualTo("drain");
        assertThat(node.spread(30, "")).hasSize(2).doesNotContainKey(home);
        assertThat(node.spread(10, cookie)).containsOnlyKeys(home);

        JsonNode maint = json(node.post(state, "{\"state\":\"maint\"}"));
        assertThat(maint.get("adminState").asText()).isEqualTo("maint");
        assertThat(maint.get("health").get("state").asText()).isEqualTo("maint");
        assertThat(node.spread(30, "")).hasSize(2).doesNotContainKey(home);
        assertThat(node.spread(10, cookie)).doesNotContainKey(home);

        JsonNode ready = json(node.post(state, "{\"state\":\"ready\"}"));
        assertThat(ready.get("adminState").asText()).isEqualTo("ready");
        assertThat(ready.get("health").get("state").asText()).isEqualTo("up");
        assertThat(node.spread(30, "")).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void forcedDownTakesNoTrafficEvenWhenHealthyAndNoneGivesItBackToTheChecks() throws Exception {
        start("");
        JsonNode down = json(node.post("/api/v1/backends/app/servers/b/health", "{\"force\":\"down\"}"));
        assertThat(down.get("health").get("state").asText()).isEqualTo("down");
        assertThat(down.get("health").get("forced").asText()).isEqualTo("down");
        assertThat(node.spread(30, "")).containsOnlyKeys("a", "c");

        JsonNode none = json(node.post("/api/v1/backends/app/servers/b/health", "{\"force\":\"none\"}"));
        assertThat(none.get("health").get("forced").isNull()).isTrue();
        assertThat(none.get("health").get("state").asText()).isEqualTo("up");
        assertThat(node.spread(30, "")).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void forcedUpKeepsAServerWhoseChecksFailInRotation() throws Exception {
        start("");
        assertThat(node.post("/api/v1/backends/app/servers/c/health", "{\"force\":\"up\"}").statusCode())
                .isEqualTo(200);
        node.servers.get("c").healthy(false); // its /health now answers 503; the proxied "/" still works
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            JsonNode lastCheck = json(node.get("/api/v1/backends/app")).get("servers").get(2).get("health")
                    .get("lastCheck");
            return lastCheck.isObject() && !lastCheck.get("ok").asBoolean(); // null until the first check ran
        });
        JsonNode c = json(node.get("/api/v1/backends/app")).get("servers").get(2);
        assertThat(c.get("health").get("state").asText()).isEqualTo("up");
        assertThat(c.get("health").get("forced").asText()).isEqualTo("up");
        assertThat(node.spread(30, "")).containsKey("c");
    }

    @Test
    void weightChangesTheSplitAndZeroTakesNoNewRequests() throws Exception {
        start("");
        JsonNode a = json(node.post("/api/v1/backends/app/servers/a/weight", "{\"weight\":3}"));
        assertThat(a.get("weight").asInt()).isEqualTo(3);
        assertThat(a.get("effectiveWeight").asInt()).isEqualTo(3);
        assertThat(json(node.post("/api/v1/backends/app/servers/c/weight", "{\"weight\":0}")).get("weight").asInt())
                .isZero();
        assertThat(node.spread(40, "")).containsOnlyKeys("a", "b").containsEntry("a", 30).containsEntry("b", 10);
    }

    // ---- sessions ----

    @Test
    void sessionsAreCountedPerBackendAndLookedUpByClientAddress() throws Exception {
        start("sticky: {mode: source, max-idle: 10m}");
        try (var client = new dev.ballast.node.testing.RawClient(java.net.InetAddress.getByName("127.0.0.7"),
                node.proxyPort())) {
            client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            client.read();
        }
        assertThat(json(node.get("/api/v1/sessions"))).isEqualTo(
                JSON.readTree("{\"backends\":[{\"name\":\"app\",\"sessions\":1}]}"));
        assertThat(json(node.get("/api/v1/sessions?backend=app"))).isEqualTo(
                JSON.readTree("{\"backends\":[{\"name\":\"app\",\"sessions\":1}]}"));
        JsonNode session = json(node.get("/api/v1/sessions?backend=app&key=127.0.0.7"));
        assertThat(session.get("backend").asText()).isEqualTo("app");
        assertThat(session.get("key").asText()).isEqualTo("127.0.0.7");
        assertThat(session.get("server").asText()).isIn("a", "b", "c");
        assertThat(session.get("expiresInMs").asLong()).isBetween(1L, 600_000L);
        assertThat(json(node.get("/api/v1/backends/app")).get("sessions").asInt()).isEqualTo(1);

        assertErrorContains(node.get("/api/v1/sessions?backend=app&key=127.0.0.8"), 404, "no sticky session");
        assertError(node.get("/api/v1/sessions?backend=nope"), 404, "no backend named 'nope'");
        assertErrorContains(node.get("/api/v1/sessions?key=127.0.0.7"), 400, "?backend=");
        assertErrorContains(node.get("/api/v1/sessions?server=a"), 400, "unknown query parameter 'server'");
    }

    // ---- refusals ----

    @Test
    void malformedBodiesAre400WithAPreciseMessage() throws Exception {
        start("");
        String state = "/api/v1/backends/app/servers/a/state";
        assertErrorContains(node.post(state, "{\"state\":"), 400, "not valid JSON at line 1, column");
        assertErrorContains(node.post(state, ""), 400, "has no body");
        assertErrorContains(node.post(state, "[\"drain\"]"), 400, "must be a JSON object");
        assertError(node.post(state, "{}"), 400, "the body has no field 'state'");
        assertErrorContains(node.post(state, "{\"state\":\"off\"}"), 400,
                "field 'state' must be one of ready, drain, maint, got \"off\"");
        assertErrorContains(node.post(state, "{\"state\":\"drain\",\"why\":1}"), 400, "unknown field 'why'");
        String weight = "/api/v1/backends/app/servers/a/weight";
        assertErrorContains(node.post(weight, "{\"weight\":300}"), 400, "integer from 0 to 256, got 300");
        assertErrorContains(node.post(weight, "{\"weight\":\"5\"}"), 400, "integer from 0 to 256");
        assertErrorContains(node.post(weight, "{\"weight\":1.5}"), 400, "integer from 0 to 256");
        assertErrorContains(node.post("/api/v1/backends/app/servers/a/health", "{\"force\":\"maybe\"}"), 400,
                "one of up, down, none");
        assertErrorContains(node.post("/api/v1/cluster/promote", "{\"node\":\"\"}"), 400, "non-empty string");
        assertErrorContains(node.post(state, "{\"state\":\"" + "x".repeat(70_000) + "\"}"), 413, "larger than");
        assertThat(node.spread(30, "")).as("nothing was changed").containsOnlyKeys("a", "b", "c");
    }

    @Test
    void unknownPathsBackendsAndServersAre404AndWrongMethods405() throws Exception {
        start("");
        assertError(node.get("/api/v1/nothing"), 404, "no such path: /api/v1/nothing");
        assertError(node.get("/api/v1/backends/"), 404, "no such path: /api/v1/backends/");
        assertError(node.get("/api/v1/backends/app/servers/a"), 404, "no such path: /api/v1/backends/app/servers/a");
        assertError(node.get("/api/v1/backends/nope"), 404, "no backend named 'nope'");
        assertError(node.post("/api/v1/backends/nope/servers/a/state", "{\"state\":\"drain\"}"), 404,
                "no backend named 'nope'");
        assertError(node.post("/api/v1/backends/app/servers/z/weight", "{\"weight\":2}"), 404,
                "backend 'app' has no server named 'z'");
        HttpResponse<String> wrongMethod = node.get("/api/v1/backends/app/servers/a/state");
        assertError(wrongMethod, 405, "/api/v1/backends/app/servers/a/state takes POST, not GET");
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("POST");
        assertError(node.post("/api/v1/backends", "{}"), 405, "/api/v1/backends takes GET, not POST");
        assertError(node.send("DELETE", "/api/v1/reload", null, "Bearer " + AdminNode.TOKEN), 405,
                "/api/v1/reload takes POST, not DELETE");
        assertError(node.send("POST", "/healthz", null, null), 405, "/healthz takes GET, not POST");
    }

    // ---- metrics and traffic ports ----

    @Test
    void metricsWithoutASourceSayThereIsNone() throws Exception {
        start("");
        assertErrorContains(node.get("/metrics"), 503, "no metrics source is wired");
    }

    @Test
    void metricsAndTrafficComeThroughTheirPorts() throws Exception {
        TrafficView.ServerTraffic numbers = new TrafficView.ServerTraffic(120, 3.5,
                new TrafficView.Responses(118, 0, 1, 1), new TrafficView.Errors(0, 2, 0),
                new TrafficView.Latency(1.1, 2.0, 4.2));
        TrafficView traffic = (backend, server) -> server.equals("a") ? Optional.of(numbers) : Optional.empty();
        MetricsSource metrics = out -> out.write("ballast_up 1\n".getBytes(StandardCharsets.UTF_8));
        node = new AdminNode(folder, "token-file: token", AdminNode.threeServers(""),
                new AdminWiring.Ports(traffic, Optional.of(metrics), ClusterView.disabled("admin-test")));

        HttpResponse<String> scrape = node.get("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape.body()).isEqualTo("ballast_up 1\n");

        JsonNode servers = json(node.get("/api/v1/backends/app")).get("servers");
        assertThat(servers.get(0).get("requests").asLong()).isEqualTo(120);
        assertThat(servers.get(0).get("requestsPerSecond").asDouble()).isEqualTo(3.5);
        assertThat(servers.get(0).get("responses")).isEqualTo(
                JSON.readTree("{\"2xx\":118,\"3xx\":0,\"4xx\":1,\"5xx\":1}"));
        assertThat(servers.get(0).get("errors")).isEqualTo(JSON.readTree("{\"connect\":0,\"timeout\":2,\"other\":0}"));
        assertThat(servers.get(0).get("latencyMs")).isEqualTo(JSON.readTree("{\"p50\":1.1,\"p95\":2.0,\"p99\":4.2}"));
        assertThat(servers.get(1).has("requests")).isFalse();
    }

    // ---- reload ----

    @Test
    void reloadAppliesChangedWeightsAndStates() throws Exception {
        start("");
        String yaml = Files.readString(node.configFile)
                .replace("{name: a, address: \"127.0.0.1:" + node.servers.get("a").port() + "\"}",
                        "{name: a, address: \"127.0.0.1:" + node.servers.get("a").port() + "\", weight: 3}")
                .replace("{name: c, address: \"127.0.0.1:" + node.servers.get("c").port() + "\"}",
                        "{name: c, address: \"127.0.0.1:" + node.servers.get("c").port() + "\", state: maint}");
        Files.writeString(node.configFile, yaml);

        HttpResponse<String> reloaded = node.post("/api/v1/reload", null);
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(json(reloaded)).isEqualTo(JSON.createObjectNode().put("reloaded", true)
                .put("configSha256", sha256(node.configFile)));
        assertThat(json(node.get("/api/v1/node")).get("configSha256").asText()).isEqualTo(sha256(node.configFile));
        JsonNode servers = json(node.get("/api/v1/backends/app")).get("servers");
        assertThat(servers.get(0).get("weight").asInt()).isEqualTo(3);
        assertThat(servers.get(2).get("adminState").asText()).isEqualTo("maint");
        assertThat(node.spread(40, "")).containsOnlyKeys("a", "b").containsEntry("a", 30);
    }

    @Test
    void anInvalidConfigurationIsRefusedWithEveryErrorAndNothingChanges() throws Exception {
        start("");
        String shaBefore = sha256(node.configFile);
        Files.writeString(node.configFile, Files.readString(node.configFile)
                .replace("name: a,", "name: a, weight: 300,").replace("name: b,", "name: b, state: sleepy,"));

        HttpResponse<String> refused = node.post("/api/v1/reload", null);
        assertErrorContains(refused, 422, "is invalid (2 error(s)); nothing was changed");
        JsonNode errors = json(refused).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("path").asText()).isEqualTo("backends[app].servers[a].weight");
        assertThat(errors.get(0).get("message").asText()).contains("300");
        assertThat(errors.get(1).get("path").asText()).isEqualTo("backends[app].servers[b].state");
        assertThat(json(node.get("/api/v1/node")).get("configSha256").asText()).isEqualTo(shaBefore);
        assertThat(node.spread(30, "")).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void changesThatNeedARestartAreRefusedNamingEachAndNothingChanges() throws Exception {
        start("");
        String shaBefore = sha256(node.configFile);
        int portOfC = node.servers.get("c").port();
        Files.writeString(node.configFile, Files.readString(node.configFile)
                .replace("name: a,", "name: a, weight: 5,")
                .replace("      - {name: c, address: \"127.0.0.1:" + portOfC + "\"}\n", "")
                .replace("name: admin-test", "name: renamed"));

        assertErrorContains(node.post("/api/v1/reload", null), 409,
                "only a restart applies: node.name, backends[app].servers[c] (removed); nothing was changed");
        assertThat(json(node.get("/api/v1/node")).get("configSha256").asText()).isEqualTo(shaBefore);
        assertThat(json(node.get("/api/v1/backends/app")).get("servers").get(0).get("weight").asInt()).isEqualTo(1);
        assertThat(node.spread(30, "")).containsOnlyKeys("a", "b", "c");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
