package dev.ballast.node.proxy;

import dev.ballast.node.balance.Server;
import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.demo.DemoBackend;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.runtime.NodeWiring;
import dev.ballast.node.testing.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each balancing algorithm, run-time weights, admin states and sticky sessions, observed through a running node
 * with real demo backends: every test counts which backend (header X-Backend) answered.
 */
class BalancingThroughProxyIT {

    private static final String BACKEND = "app";

    private final Map<String, DemoBackend> servers = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private NodeRuntime node;
    private int proxyPort;

    @AfterEach
    void stopEverything() {
        if (node != null) {
            node.stop(Duration.ZERO);
        }
        servers.values().forEach(DemoBackend::close);
    }

    @Test
    void roundrobinSplitsExactlyByWeight() throws Exception {
        start("balance: {algorithm: roundrobin}", Map.of("a", "weight: 5", "b", "weight: 1", "c", "weight: 1"));

        assertThat(count(70)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 50, "b", 10, "c", 10));
    }

    @Test
    void staticRoundRobinSplitsExactlyByWeight() throws Exception {
        start("balance: {algorithm: static-rr}", Map.of("a", "weight: 2", "b", "weight: 1", "c", "weight: 1"));

        assertThat(count(40)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 20, "b", 10, "c", 10));
    }

    @Test
    void leastconnSteersAwayFromABusyServer() throws Exception {
        start("balance: {algorithm: leastconn}", Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
            try (RawClient client = new RawClient(proxyPort)) {
                return get(client, "/delay?ms=4000", "").header("x-backend");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> busyServer() != null);
        String busy = busyServer();

        Map<String, Integer> counts = count(30);

        assertThat(counts).doesNotContainKey(busy).hasSize(2);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isEqualTo(15));
        assertThat(slow.get(20, TimeUnit.SECONDS)).isEqualTo(busy);
    }

    @Test
    void randomSpreadsRoughlyEvenly() throws Exception {
        start("balance: {algorithm: random}", Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));

        assertRoughlyEven(count(300), 300);
    }

    @Test
    void powerOfTwoChoicesSpreadsRoughlyEvenly() throws Exception {
        start("balance: {algorithm: p2c}", Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));

        assertRoughlyEven(count(300), 300);
    }

    @Test
    void sourceKeepsAClientOnOneServerAndSpreadsClients() throws Exception {
        start("balance: {algorithm: source}", Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));
        Set<String> serversOfClients = new HashSet<>();
        for (int client = 1; client <= 30; client++) {
            try (RawClient from = new RawClient(InetAddress.getByName("127.0.0." + client), proxyPort)) {
                Map<String, Integer> counts = count(from, 5, "");
                assertThat(counts).as("client 127.0.0.%d", client).hasSize(1);
                serversOfClients.addAll(counts.keySet());
            }
        }
        assertThat(serversOfClients).hasSize(3);
    }

    @Test
    void sourceStickinessKeepsEachClientOnTheServerItWasFirstGiven() throws Exception {
        start("balance: {algorithm: roundrobin}\n    sticky: {mode: source}",
                Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));
        Set<String> serversOfClients = new HashSet<>();
        for (int client = 1; client <= 3; client++) {
            for (int connection = 0; connection < 3; connection++) {
                try (RawClient from = new RawClient(InetAddress.getByName("127.0.1." + client), proxyPort)) {
                    Map<String, Integer> counts = count(from, 10, "");
                    assertThat(counts).as("client 127.0.1.%d", client).hasSize(1);
                    serversOfClients.addAll(counts.keySet());
                }
            }
        }
        assertThat(serversOfClients).as("round robin gave each new client the next server").hasSize(3);
    }

    @Test
    void hashOnAHeaderKeepsAValueOnOneServerAndSpreadsValues() throws Exception {
        start("balance: {algorithm: hash, hash-key: header, hash-key-name: X-User}",
                Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));
        Set<String> serversOfUsers = new HashSet<>();
        try (RawClient client = new RawClient(proxyPort)) {
            for (int user = 0; user < 40; user++) {
                Map<String, Integer> counts = count(client, 5, "X-User: user-" + user + "\r\n");
                assertThat(counts).as("user-%d", user).hasSize(1);
                serversOfUsers.addAll(counts.keySet());
            }
        }
        assertThat(serversOfUsers).hasSize(3);
    }

    @Test
    void aWeightChangedAtRunTimeChangesTheSplit() throws Exception {
        start("balance: {algorithm: roundrobin}", Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));
        assertThat(count(30)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 10, "b", 10, "c", 10));

        backend().setWeight("a", 3);
        backend().setWeight("c", 0);

        assertThat(count(40)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 30, "b", 10));
    }

    @Test
    void drainKeepsStickyClientsOnlyAndMaintTakesNothing() throws Exception {
        start("balance: {algorithm: roundrobin}\n    sticky: {mode: cookie}",
                Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));
        RawClient.Response first;
        try (RawClient client = new RawClient(proxyPort)) {
            first = get(client, "/", "");
        }
        String home = first.header("x-backend");
        String cookie = cookiePair(first);

        backend().setAdminState(home, AdminState.DRAIN);

        assertThat(count(30)).doesNotContainKey(home);
        try (RawClient sticky = new RawClient(proxyPort)) {
            assertThat(count(sticky, 20, "Cookie: " + cookie + "\r\n")).containsOnlyKeys(home);
        }

        backend().setAdminState(home, AdminState.MAINT);

        assertThat(count(30)).doesNotContainKey(home);
        try (RawClient sticky = new RawClient(proxyPort)) {
            RawClient.Response moved = get(sticky, "/", "Cookie: " + cookie + "\r\n");
            assertThat(moved.header("x-backend")).isNotEqualTo(home);
            assertThat(moved.header("set-cookie")).as("re-stuck to its new server").isNotNull();
        }
    }

    @Test
    void cookieStickinessHoldsOverThousandRequestsAndAcrossARestart() throws Exception {
        start("balance: {algorithm: roundrobin}\n    sticky: {mode: cookie, cookie-name: LB}",
                Map.of("a", "weight: 1", "b", "weight: 1", "c", "weight: 1"));
        try (RawClient client = new RawClient(proxyPort)) {
            RawClient.Response first = get(client, "/", "Cookie: theme=dark\r\n");
            assertThat(first.header("set-cookie")).startsWith("LB=");
            assertThat(first.header("cache-control")).isEqualTo("private");
            String home = first.header("x-backend");
            String cookies = "Cookie: theme=dark; " + cookiePair(first) + "\r\n";

            for (int i = 0; i < 1000; i++) {
                RawClient.Response response = get(client, "/", cookies);
                assertThat(response.header("x-backend")).as("request %d", i).isEqualTo(home);
                assertThat(response.header("set-cookie")).as("request %d", i).isNull();
                assertThat(response.text()).as("what server %s saw", home)
                        .contains("theme=dark").doesNotContain("LB=");
            }

            servers.remove(home).close();
            RawClient.Response moved = get(client, "/", cookies);
            String newHome = moved.header("x-backend");
            assertThat(newHome).as("redispatched while %s is down", home).isNotEqualTo(home);
            assertThat(moved.header("set-cookie")).startsWith("LB=");
            assertThat(moved.header("cache-control")).isEqualTo("private");
            String restuck = "Cookie: theme=dark; " + cookiePair(moved) + "\r\n";

            startAgainOnItsPort(home);

            assertThat(count(client, 50, restuck)).containsOnlyKeys(newHome);
            assertThat(count(30)).as("%s is back in rotation for new clients", home).containsKey(home);
        }
    }

    // ---- fixture ----

    private void startAgainOnItsPort(String name) throws IOException {
        DemoBackend again = new DemoBackend(name,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get(name)), 1);
        servers.put(name, again);
        again.start();
    }

    /** Starts one demo backend per server (in name order) and a node balancing over them. */
    private void start(String backendSettings, Map<String, String> serverAttributes) throws Exception {
        StringBuilder serverLines = new StringBuilder();
        for (String name : serverAttributes.keySet().stream().sorted().toList()) {
            DemoBackend server = DemoBackend.onLoopback(name);
            servers.put(name, server);
            int port = server.start();
            ports.put(name, port);
            serverLines.append("      - {name: ").append(name).append(", address: \"127.0.0.1:").append(port)
                    .append("\", ").append(serverAttributes.get(name)).append("}\n");
        }
        String yaml = """
                frontends:
                  - name: web
                    bind: "127.0.0.1:0"
                    default-backend: app
                backends:
                  - name: app
                    health-check: {type: none}
                    %s
                    servers:
                %s""".formatted(backendSettings, serverLines);
        node = NodeWiring.runtime(ConfigLoader.parse(yaml, "balancing.yaml"));
        node.start();
        proxyPort = node.listenAddress("web").getPort();
    }

    private Backend backend() {
        return node.backends().get(BACKEND);
    }

    private String busyServer() {
        for (Server server : backend().servers()) {
            if (server.inFlight() > 0) {
                return server.name();
            }
        }
        return null;
    }

    /** Backend name to the number of answers it gave, over {@code requests} requests on one connection. */
    private Map<String, Integer> count(int requests) throws IOException {
        try (RawClient client = new RawClient(proxyPort)) {
            return count(client, requests, "");
        }
    }

    private static Map<String, Integer> count(RawClient client, int requests, String extraHeaders)
            throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(get(client, "/", extraHeaders).header("x-backend"), 1, Integer::sum);
        }
        return counts;
    }

    private static RawClient.Response get(RawClient client, String target, String extraHeaders) throws IOException {
        client.send("GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n");
        RawClient.Response response = client.read();
        assertThat(response.status()).as("status of GET %s", target).isEqualTo(200);
        return response;
    }

    /** The name=value pair a browser sends back for the response's Set-Cookie. */
    private static String cookiePair(RawClient.Response response) {
        String setCookie = response.header("set-cookie");
        assertThat(setCookie).as("Set-Cookie").isNotNull();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static void assertRoughlyEven(Map<String, Integer> counts, int requests) {
        assertThat(counts).containsOnlyKeys("a", "b", "c");
        // Binomial(300, 1/3): mean 100, standard deviation about 8; these bounds are more than 6 deviations wide.
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(requests / 6, requests / 2));
    }
}
