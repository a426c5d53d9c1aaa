package dev.ballast.node.runtime;

import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.demo.DemoBackend;
import dev.ballast.node.proxy.http.RuleRouteSelector;
import dev.ballast.node.testing.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code ballast run} starts the admin API with the node, keeps it answering while stopping, then closes it. */
class RunCommandAdminIT {

    private static final String TOKEN = "run-token";

    @TempDir
    Path folder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path writeConfig(int adminPort, int proxyPort, int serverPort) throws IOException {
        Files.writeString(folder.resolve("token"), TOKEN);
        return Files.writeString(folder.resolve("node.yaml"), """
                node: {name: run-admin, graceful-stop: 20s}
                admin: {bind: "127.0.0.1:%d", token-file: token}
                frontends:
                  - {name: web, bind: "127.0.0.1:%d", default-backend: app}
                backends:
                  - name: app
                    health-check: {type: none}
                    servers:
                      - {name: s, address: "127.0.0.1:%d"}
                """.formatted(adminPort, proxyPort, serverPort));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAdminApiServesWhileTheNodeRunsSaysStoppingDuringTheGracefulStopThenCloses() throws Exception {
        try (DemoBackend server = DemoBackend.onLoopback("s")) {
            int adminPort = freePort();
            int proxyPort = freePort();
            Path config = writeConfig(adminPort, proxyPort, server.start());
            AtomicReference<Runnable> shutdownHook = new AtomicReference<>();
            RunCommand run = new RunCommand(ConfigLoader::load, NodeWiring.BALANCERS,
                    RuleRouteSelector::forFrontend, shutdownHook::set);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                    () -> new CommandLine(run).execute("--config", config.toString()));
            await().atMost(20, TimeUnit.SECONDS).until(() -> shutdownHook.get() != null);

            assertThat(get(adminPort, "/healthz").body()).isEqualTo("{\"status\":\"up\"}");
            HttpResponse<String> node = get(adminPort, "/api/v1/node");
            assertThat(node.statusCode()).isEqualTo(200);
            assertThat(node.body()).contains("\"name\":\"run-admin\"", "\"configFile\":\"" + config.toAbsolutePath());

            try (RawClient slow = new RawClient(proxyPort)) {
                slow.send("GET /delay?ms=4000 HTTP/1.1\r\nHost: t\r\n\r\n");
                await().atMost(10, TimeUnit.SECONDS).until(() -> get(adminPort, "/api/v1/backends/app").body()
                        .contains("\"activeRequests\":1"));
                CompletableFuture<Void> stopping = CompletableFuture.runAsync(shutdownHook.get());

                await().atMost(10, TimeUnit.SECONDS).until(() -> get(adminPort, "/healthz").statusCode() == 503);
                assertThat(get(adminPort, "/healthz").body()).isEqualTo("{\"status\":\"stopping\"}");
                assertThat(slow.read().status()).as("the request in flight finishes").isEqualTo(200);
                stopping.get(30, TimeUnit.SECONDS);
            }
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            assertThatThrownBy(() -> get(adminPort, "/healthz")).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void anAdminAddressInUseStopsTheNodeAndExitsWith1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DemoBackend server = DemoBackend.onLoopback("s")) {
            Path config = writeConfig(taken.getLocalPort(), 0, server.start());
            RunCommand run = new RunCommand(ConfigLoader::load, NodeWiring.BALANCERS,
                    RuleRouteSelector::forFrontend, hook -> {
            });
            StringWriter err = new StringWriter();
            int code = new CommandLine(run).setErr(new PrintWriter(err)).execute("--config", config.toString());
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("cannot start: admin API: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort());
        }
    }
}
