package dev.ballast.node.proxy.http;

import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.testing.LogCapture;
import dev.ballast.node.testing.ProxyHarness;
import dev.ballast.node.testing.RawClient;
import dev.ballast.node.testing.ScriptedServer;
import dev.ballast.node.testing.TestHandlers;
import dev.ballast.node.testing.TestHttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.ballast.node.testing.TestConfigs.backend;
import static dev.ballast.node.testing.TestConfigs.backendTimeouts;
import static dev.ballast.node.testing.TestConfigs.defaultBackendTimeouts;
import static dev.ballast.node.testing.TestConfigs.defaultFrontendTimeouts;
import static dev.ballast.node.testing.TestConfigs.frontend;
import static dev.ballast.node.testing.TestConfigs.node;
import static dev.ballast.node.testing.TestConfigs.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What clients see when servers refuse, die, stall, misbehave or are full: retries, 502, 503, 504, logs. */
class HttpProxyFailuresIT {

    private static ProxyHarness proxy(BackendConfig backend) {
        return new ProxyHarness(node(1, Duration.ofSeconds(1),
                List.of(frontend("web", 0, "app", defaultFrontendTimeouts())), List.of(backend)));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void respond(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void retriesRefusedConnectionsOnAHealthyServer() throws Exception {
        try (TestHttpServer good = TestHttpServer.start(() -> TestHandlers.describe("good"));
             LogCapture logs = new LogCapture();
             ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 2,
                     List.of(server("dead", closedPort(), 0), server("good", good.port(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            for (int i = 0; i < 6; i++) {
                client.send("POST /r HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
                RawClient.Response response = client.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).contains("server=good", "body-bytes=3");
            }
            logs.awaitLine("app/dead", "connect failed", "retrying");
        }
    }

    @Test
    void retriesIdempotentRequestsThatGotNoAnswerButNotOthers() throws Exception {
        try (ScriptedServer hangsUp = new ScriptedServer(socket -> ScriptedServer.readHead(socket.getInputStream()));
             ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 2,
                     List.of(server("bad", hangsUp.port(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("GET /g HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response get = client.read();
            assertThat(get.status()).isEqualTo(502);
            assertThat(get.text()).contains("server 'bad' closed the connection before responding");
            assertThat(hangsUp.connections()).isEqualTo(3);

            client.send("DELETE /d HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(502);
            assertThat(hangsUp.connections()).isEqualTo(6);

            client.send("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi");
            assertThat(client.read().status()).isEqualTo(502);
            assertThat(hangsUp.connections()).isEqualTo(7);
        }
    }

    @Test
    void idempotentRequestLandsOnHealthyServerAfterOneHangsUp() throws Exception {
        try (ScriptedServer hangsUp = new ScriptedServer(socket -> ScriptedServer.readHead(socket.getInputStream()));
             TestHttpServer good = TestHttpServer.start(() -> TestHandlers.describe("good"));
             ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 1,
                     List.of(server("bad", hangsUp.port(), 0), server("good", good.port(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            for (int i = 0; i < 4; i++) {
                client.send("GET /g HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(client.read().text()).contains("server=good");
            }
            assertThat(hangsUp.connections()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void serverDyingMidResponseClosesTheClientAndIsLogged() throws Exception {
        try (ScriptedServer dies = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            respond(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100));
        });
             LogCapture logs = new LogCapture();
             ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 2,
                     List.of(server("dies", dies.port(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            byte[] received = client.input().readAllBytes();
            String text = new String(received, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-length: 1000");
            assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).hasSize(100);
            logs.awaitLine("app/dies", "in the middle of the response", "closing the client connection");
        }
    }

    @Test
    void invalidResponseGives502() throws Exception {
        try (ScriptedServer garbage = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            respond(socket.getOutputStream(), "NOT HTTP AT ALL\r\n\r\n");
            socket.getInputStream().read();
        });
             ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 0,
                     List.of(server("junk", garbage.port(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.text()).contains("server 'junk' sent an invalid response");
        }
    }

    @Test
    void unreachableServerWithoutRetriesGives503NamingIt() throws Exception {
        try (ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 0,
                List.of(server("gone", closedPort(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.text()).contains("server 'gone' unreachable");
        }
    }

    @Test
    void noUsableServerGives503() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 0,
                     List.of(server("s", app.port(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            Backend backend = proxy.runtime().backends().get("app");
            Server only = backend.servers().get(0);
            backend.markDown(only);
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response down = client.read();
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.text()).contains("no server available in backend 'app'");
            backend.markUp(only);
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(200);
        }
    }

    @Test
    void serverAtMaxconnQueuesRequestsInOrderThen503OnQueueTimeout() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (ScriptedServer gated = new ScriptedServer(socket -> {
            while (true) {
                String head = ScriptedServer.readHead(socket.getInputStream());
                if (head.isEmpty()) {
                    return;
                }
                if (head.contains("/slow")) {
                    gate.await(20, TimeUnit.SECONDS);
                }
                String path = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/"));
                respond(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: " + path.length() + "\r\n\r\n"
                        + path);
            }
        });
             ProxyHarness proxy = proxy(backend("app",
                     backendTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofMillis(800)), 0,
                     List.of(new ServerConfig("one", server("one", gated.port(), 1).address(), 1, false, 1,
                             Duration.ZERO, ServerConfig.AdminState.READY, java.util.Optional.empty()))));
             RawClient first = new RawClient(proxy.port("web"));
             RawClient second = new RawClient(proxy.port("web"));
             RawClient third = new RawClient(proxy.port("web"))) {
            Backend backend = proxy.runtime().backends().get("app");
            Server one = backend.servers().get(0);

            first.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            await().atMost(5, TimeUnit.SECONDS).until(() -> backend.slots(one).active() == 1);
            second.send("GET /timeout HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response timedOut = second.read();
            assertThat(timedOut.status()).isEqualTo(503);
            assertThat(timedOut.text()).contains("server 'one' stayed at its maxconn (1)", "queue timeout");

            third.send("GET /queued HTTP/1.1\r\nHost: a\r\n\r\n");
            await().atMost(5, TimeUnit.SECONDS).until(() -> backend.slots(one).queued() == 1);
            gate.countDown();
            assertThat(first.read().text()).isEqualTo("/slow");
            assertThat(third.read().text()).isEqualTo("/queued");
            await().atMost(5, TimeUnit.SECONDS).until(() -> backend.slots(one).active() == 0);
        }
    }

    @Test
    void interimContinueIsRelayedAndTheBodyFollows() throws Exception {
        try (ScriptedServer continues = new ScriptedServer(socket -> {
            String head = ScriptedServer.readHead(socket.getInputStream());
            if (!head.toLowerCase().contains("expect: 100-continue")) {
                respond(socket.getOutputStream(), "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            respond(socket.getOutputStream(), "HTTP/1.1 100 Continue\r\n\r\n");
            byte[] body = socket.getInputStream().readNBytes(11);
            respond(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1).toUpperCase());
        });
             ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 0,
                     List.of(server("c", continues.port(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("PUT /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n");
            RawClient.Response interim = client.read();
            assertThat(interim.status()).isEqualTo(100);
            client.send("hello world");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("HELLO WORLD");
        }
    }

    @Test
    void upgradeBecomesAByteTunnelThatClosesWhenIdle() throws Exception {
        try (ScriptedServer echo = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            respond(socket.getOutputStream(), "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: x\r\n\r\n");
            socket.getInputStream().transferTo(socket.getOutputStream());
        });
             ProxyHarness proxy = new ProxyHarness(node(1, Duration.ofSeconds(1),
                     List.of(frontend("web", 0, "app", dev.ballast.node.testing.TestConfigs.frontendTimeouts(
                             Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(700), Duration.ZERO))),
                     List.of(backend("app", defaultBackendTimeouts(), 0, List.of(server("ws", echo.port(), 0))))));
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            RawClient.Response switched = client.read();
            assertThat(switched.status()).isEqualTo(101);
            assertThat(switched.header("upgrade")).isEqualTo("websocket");
            assertThat(switched.header("connection")).isEqualToIgnoringCase("upgrade");
            for (int i = 0; i < 3; i++) {
                String frame = "GET / HTTP/1.1 is just bytes here " + i;
                client.send(frame);
                assertThat(new String(client.input().readNBytes(frame.length()), StandardCharsets.ISO_8859_1))
                        .isEqualTo(frame);
            }
            long idleFrom = System.nanoTime();
            assertThat(client.closedByPeer()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleFrom)).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void earlyAnswerToAnUploadReachesTheClientStillSendingIt() throws Exception {
        try (ScriptedServer refuses = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            respond(socket.getOutputStream(), "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 8\r\n\r\ntoo big!");
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        });
             ProxyHarness proxy = proxy(backend("app", defaultBackendTimeouts(), 0,
                     List.of(server("strict", refuses.port(), 0))));
             RawClient client = new RawClient(proxy.port("web"))) {
            long size = 8L << 20;
            client.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: " + size + "\r\n\r\n");
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                byte[] piece = new byte[64 * 1024];
                try {
                    for (long sent = 0; sent < size; sent += piece.length) {
                        client.output().write(piece);
                    }
                } catch (IOException stoppedByTheProxy) {
                    // Expected once the proxy has closed: the client just stops sending.
                }
            });
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).isEqualTo("too big!");
            assertThat(response.header("connection")).isEqualTo("close");
            upload.get(20, TimeUnit.SECONDS);
        }
    }
}
