package dev.ballast.node.admin;

import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.demo.DemoBackend;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.runtime.NodeWiring;
import dev.ballast.node.testing.RawClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node for one admin test: demo backends a, b, c on ephemeral ports, a configuration file written to a temporary
 * folder (with the token in a token file), the node and its admin API started from that file, and an HTTP client.
 */
final class AdminNode implements AutoCloseable {

    static final String TOKEN = "s3cret-admin-token";

    final Path configFile;
    final Map<String, DemoBackend> servers = new LinkedHashMap<>();
    final NodeRuntime node;
    final AdminServer admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param folder      where the configuration and token files are written
     * @param adminTokenLine the admin section's token line, e.g. {@code token-file: token} or empty for none
     * @param backendYaml the backends section; {@code PORT_a} etc. stand for the demo backends' ports
     */
    AdminNode(Path folder, String adminTokenLine, String backendYaml, AdminWiring.Ports ports) throws Exception {
        Files.writeString(folder.resolve("token"), TOKEN + "\n");
        String yaml = """
                node:
                  name: admin-test
                admin:
                  bind: "127.0.0.1:0"
                  %s
                frontends:
                  - name: web
                    bind: "127.0.0.1:0"
                    default-backend: app
                backends:
                %s""".formatted(adminTokenLine, backendYaml);
        for (String name : new String[] {"a", "b", "c"}) {
            DemoBackend server = DemoBackend.onLoopback(name);
            servers.put(name, server);
            yaml = yaml.replace("PORT_" + name, Integer.toString(server.start()));
        }
        configFile = folder.resolve("node.yaml");
        Files.writeString(configFile, yaml);
        BallastConfig config = ConfigLoader.load(configFile);
        node = NodeWiring.runtime(config);
        Instant startedAt = Instant.now();
        node.start();
        admin = AdminWiring.start(config, configFile, ConfigLoader::load, node, ports, startedAt).orElseThrow();
    }

    /** Three round-robin servers a, b, c with an HTTP health check every 200 ms (a slow box's check still passes). */
    static String threeServers(String extraBackendSettings) {
        return """
                  - name: app
                    health-check: {type: http, path: /health, interval: 200ms, fast-interval: 200ms, down-interval: 200ms, timeout: 5s, rise: 1, fall: 2}
                    %s
                    servers:
                      - {name: a, address: "127.0.0.1:PORT_a"}
                      - {name: b, address: "127.0.0.1:PORT_b"}
                      - {name: c, address: "127.0.0.1:PORT_c"}
                """.formatted(extraBackendSettings);
    }

    String url(String path) {
        return "http://127.0.0.1:" + admin.address().getPort() + path;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, "Bearer " + TOKEN);
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body, "Bearer " + TOKEN);
    }

    /** @param authorization the Authorization header, null for none */
    HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    int proxyPort() {
        return node.listenAddress("web").getPort();
    }

    /** Which server answered each of {@code requests} requests through the proxy, on one new connection. */
    Map<String, Integer> spread(int requests, String extraHeaders) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        try (RawClient client = new RawClient(proxyPort())) {
            for (int i = 0; i < requests; i++) {
                client.send("GET / HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n");
                RawClient.Response response = client.read();
                assertThat(response.status()).as("status through the proxy").isEqualTo(200);
                counts.merge(response.header("x-backend"), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public void close() {
        admin.close();
        node.stop(Duration.ZERO);
        servers.values().forEach(DemoBackend::close);
    }
}
