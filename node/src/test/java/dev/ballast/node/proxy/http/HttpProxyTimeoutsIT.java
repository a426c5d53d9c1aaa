package dev.ballast.node.proxy.http;

import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.testing.LogCapture;
import dev.ballast.node.testing.ProxyHarness;
import dev.ballast.node.testing.RawClient;
import dev.ballast.node.testing.ScriptedServer;
import dev.ballast.node.testing.TestHandlers;
import dev.ballast.node.testing.TestHttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.ballast.node.testing.TestConfigs.backend;
import static dev.ballast.node.testing.TestConfigs.backendTimeouts;
import static dev.ballast.node.testing.TestConfigs.frontend;
import static dev.ballast.node.testing.TestConfigs.frontendTimeouts;
import static dev.ballast.node.testing.TestConfigs.node;
import static dev.ballast.node.testing.TestConfigs.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each timeout fires, with the status and log line it promises, and not before its time. */
class HttpProxyTimeoutsIT {

    private static final Duration LONG = Duration.ofSeconds(20);

    private static ProxyHarness proxy(FrontendConfig.Timeouts frontend, Duration serverTimeout, int port) {
        return new ProxyHarness(node(1, Duration.ofSeconds(1),
                List.of(frontend("web", 0, "app", frontend)),
                List.of(backend("app", backendTimeouts(Duration.ofSeconds(2), serverTimeout, Duration.ofSeconds(2)), 0,
                        List.of(server("s", port, 0))))));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Test
    void slowRequestHeadGets408AndTheConnectionCloses() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = proxy(frontendTimeouts(Duration.ofMillis(600), LONG, LONG, Duration.ZERO), LONG,
                     app.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            long start = System.nanoTime();
            client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Slow");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.text()).contains("request head not received within 600 ms");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(500);
            assertThat(client.closedByPeer()).isTrue();
            assertThat(app.connections()).isZero();
        }
    }

    @Test
    void partialHeadSentWhileThePreviousRequestIsServedStillGets408() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        CountDownLatch partialSent = new CountDownLatch(1);
        try (ScriptedServer slow = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            requestArrived.countDown();
            partialSent.await(10, TimeUnit.SECONDS);
            Thread.sleep(300); // the proxy reads the partial head while this request is still being served
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        });
             ProxyHarness proxy = proxy(frontendTimeouts(Duration.ofMillis(600), Duration.ofMinutes(5), LONG,
                     Duration.ZERO), LONG, slow.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            client.setTimeoutMillis(15_000); // far below the idle timeout: only the header timeout can answer
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();
            client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Slow");
            partialSent.countDown();
            assertThat(client.read().status()).isEqualTo(200);
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.text()).contains("request head not received within 600 ms");
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterClientIdle() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = proxy(frontendTimeouts(LONG, Duration.ofMillis(700), LONG, Duration.ZERO), LONG,
                     app.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(200);
            long idleFrom = System.nanoTime();
            assertThat(client.closedByPeer()).isTrue();
            assertThat(millisSince(idleFrom)).isBetween(600L, 10_000L);
        }
    }

    @Test
    void silentServerGets504NamingItAndIsLogged() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            socket.getInputStream().read();
        });
             LogCapture logs = new LogCapture();
             ProxyHarness proxy = proxy(frontendTimeouts(LONG, LONG, LONG, Duration.ZERO), Duration.ofMillis(600),
                     silent.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            long start = System.nanoTime();
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(504);
            assertThat(response.text()).contains("server 's' sent no response data for 600 ms");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(500);
            logs.awaitLine("backend app", "server 's' sent no response data");
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(504);
        }
    }

    @Test
    void serverStallingMidResponseIsCutOffAfterServerTimeout() throws Exception {
        try (ScriptedServer stalls = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        });
             ProxyHarness proxy = proxy(frontendTimeouts(LONG, LONG, LONG, Duration.ZERO), Duration.ofMillis(600),
                     stalls.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            String received = new String(client.input().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(received).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\nabc");
        }
    }

    @Test
    void requestTotalTimeoutGives504EvenWhileTheServerTrickles() throws Exception {
        try (ScriptedServer trickles = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            socket.getInputStream().read();
        });
             ProxyHarness proxy = proxy(frontendTimeouts(LONG, LONG, LONG, Duration.ofMillis(700)), LONG,
                     trickles.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            long start = System.nanoTime();
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(504);
            assertThat(response.text()).contains("request not completed within 700 ms");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void stalledRequestBodyGets408() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = proxy(frontendTimeouts(LONG, Duration.ofMillis(700), LONG, Duration.ZERO), LONG,
                     app.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.text()).contains("client sent no request body data for 700 ms");
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void silentNewConnectionIsClosedAfterClientHeaderTimeout() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = proxy(frontendTimeouts(Duration.ofMillis(500), LONG, LONG, Duration.ZERO), LONG,
                     app.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            await().atMost(10, TimeUnit.SECONDS).until(client::closedByPeer);
        }
    }

    @Test
    void connectTimeoutGives503NamingTheServer() throws Exception {
        // A listener that never accepts, its backlog filled: further connection attempts get no answer at all.
        try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket filler = new Socket();
                    fillers.add(filler);
                    try {
                        filler.connect(blackHole.getLocalSocketAddress(), 200);
                    } catch (SocketTimeoutException full) {
                        break;
                    }
                }
                Assumptions.assumeTrue(fillers.size() < 8,
                        "this kernel accepted every connection into the backlog; no unanswered connect to test");
                try (ProxyHarness proxy = new ProxyHarness(node(1, Duration.ofSeconds(1),
                        List.of(frontend("web", 0, "app", frontendTimeouts(LONG, LONG, LONG, Duration.ZERO))),
                        List.of(backend("app", backendTimeouts(Duration.ofMillis(300), LONG, LONG), 0,
                                List.of(server("hole", blackHole.getLocalPort(), 0))))));
                     RawClient client = new RawClient(proxy.port("web"))) {
                    long start = System.nanoTime();
                    client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
                    RawClient.Response response = client.read();
                    assertThat(response.status()).isEqualTo(503);
                    assertThat(response.text()).contains("server 'hole' unreachable (connect timed out after 300 ms)");
                    assertThat(millisSince(start)).isGreaterThanOrEqualTo(250);
                }
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }
}
