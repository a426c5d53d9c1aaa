package dev.ballast.node.proxy.http;

import dev.ballast.node.testing.ProxyHarness;
import dev.ballast.node.testing.RawClient;
import dev.ballast.node.testing.ScriptedServer;
import dev.ballast.node.testing.TestHandlers;
import dev.ballast.node.testing.TestHttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.ballast.node.testing.TestConfigs.backend;
import static dev.ballast.node.testing.TestConfigs.defaultBackendTimeouts;
import static dev.ballast.node.testing.TestConfigs.defaultFrontendTimeouts;
import static dev.ballast.node.testing.TestConfigs.frontend;
import static dev.ballast.node.testing.TestConfigs.node;
import static dev.ballast.node.testing.TestConfigs.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Graceful stop, the frontend connection limit, and curl as a real client. */
class HttpProxyLifecycleIT {

    private static ScriptedServer gatedServer(CountDownLatch gate) throws IOException {
        return new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            gate.await(20, TimeUnit.SECONDS);
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        });
    }

    @Test
    void gracefulStopLetsTheRequestInFlightFinishAndClosesIdleConnections() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (ScriptedServer slow = gatedServer(gate);
             ProxyHarness proxy = ProxyHarness.inFrontOf(slow.port());
             RawClient busy = new RawClient(proxy.port("web"));
             RawClient idle = new RawClient(proxy.port("web"))) {
            int port = proxy.port("web");
            busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            await().atMost(5, TimeUnit.SECONDS).until(() -> slow.connections() == 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(
                    () -> proxy.runtime().stop(Duration.ofSeconds(10)));
            assertThat(idle.closedByPeer()).isTrue();
            await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class));
            assertThat(stopping).isNotDone();

            gate.countDown();
            RawClient.Response response = busy.read();
            assertThat(response.text()).isEqualTo("done");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            stopping.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void gracefulStopClosesWhatIsStillBusyAtTheDeadline() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (ScriptedServer slow = gatedServer(gate);
             ProxyHarness proxy = ProxyHarness.inFrontOf(slow.port());
             RawClient busy = new RawClient(proxy.port("web"))) {
            busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            await().atMost(5, TimeUnit.SECONDS).until(() -> slow.connections() == 1);
            long start = System.nanoTime();
            proxy.runtime().stop(Duration.ofMillis(500));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(400L, 5_000L);
            assertThat(busy.closedByPeer()).isTrue();
            gate.countDown();
        }
    }

    @Test
    void frontendMaxconnPausesAcceptingInsteadOfRefusing() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = new ProxyHarness(node(1, Duration.ofSeconds(1),
                     List.of(frontend("web", 2, "app", defaultFrontendTimeouts())),
                     List.of(backend("app", defaultBackendTimeouts(), 0, List.of(server("s", app.port(), 0))))));
             RawClient first = new RawClient(proxy.port("web"));
             RawClient second = new RawClient(proxy.port("web"));
             RawClient third = new RawClient(proxy.port("web"))) {
            for (RawClient client : List.of(first, second)) {
                client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(client.read().status()).isEqualTo(200);
            }
            third.send("GET /third HTTP/1.1\r\nHost: a\r\n\r\n");
            third.setTimeoutMillis(700);
            assertThatThrownBy(third::read).isInstanceOf(SocketTimeoutException.class);
            first.close();
            third.setTimeoutMillis(10_000);
            assertThat(third.read().text()).contains("uri=/third");
        }
    }

    @Test
    void curlAsARealClient() throws Exception {
        Path upload = Files.createTempFile("ballast-upload", ".bin");
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = new ProxyHarness(node(1, Duration.ofSeconds(1),
                     List.of(frontend("web", 0, "app", defaultFrontendTimeouts())),
                     List.of(backend("app", defaultBackendTimeouts(), 0, List.of(server("s", app.port(), 0))))))) {
            Files.write(upload, new byte[3 * 1024 * 1024]);
            String url = "http://127.0.0.1:" + proxy.port("web") + "/curl?q=1";
            String get = run("curl", "-sS", "--max-time", "20", "-H", "X-From: curl", url, url);
            assertThat(get).contains("uri=/curl?q=1", "x-from: curl", "x-forwarded-for: 127.0.0.1");
            assertThat(get.split("server=s", -1)).hasSize(3);
            // curl sends Expect: 100-continue for a body this large; the server does not answer it, curl goes on.
            String post = run("curl", "-sS", "--max-time", "20", "--data-binary", "@" + upload, url);
            assertThat(post).contains("body-bytes=" + (3 * 1024 * 1024), "method=POST");
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    @Test
    void wrkKeepAliveLoadSeesNoErrorsAndReusesBackendConnections() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = new ProxyHarness(node(2, Duration.ofSeconds(1),
                     List.of(frontend("web", 0, "app", defaultFrontendTimeouts())),
                     List.of(backend("app", defaultBackendTimeouts(), 0, List.of(server("s", app.port(), 0))))))) {
            String report = run("wrk", "-t1", "-c8", "-d2s", "http://127.0.0.1:" + proxy.port("web") + "/load");
            assertThat(report).contains("Requests/sec").doesNotContain("Non-2xx", "Socket errors");
            // Two event loops, each with its own pool: still at most one backend connection per concurrent client.
            assertThat(app.connections()).isBetween(1, 8);
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
