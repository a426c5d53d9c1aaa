package dev.ballast.node.proxy.http;

import dev.ballast.node.testing.ProxyHarness;
import dev.ballast.node.testing.RawClient;
import dev.ballast.node.testing.TestHandlers;
import dev.ballast.node.testing.TestHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.ballast.node.testing.TestConfigs.backend;
import static dev.ballast.node.testing.TestConfigs.defaultBackendTimeouts;
import static dev.ballast.node.testing.TestConfigs.defaultFrontendTimeouts;
import static dev.ballast.node.testing.TestConfigs.frontend;
import static dev.ballast.node.testing.TestConfigs.node;
import static dev.ballast.node.testing.TestConfigs.server;
import static org.assertj.core.api.Assertions.assertThat;

/** Plain proxying over real sockets: headers, keep-alive and reuse, pipelining, HTTP/1.0, routing errors. */
class HttpProxyBasicsIT {

    private TestHttpServer app;
    private ProxyHarness proxy;
    private int port;

    @BeforeEach
    void start() {
        app = TestHttpServer.start(() -> TestHandlers.describe("s1"));
        proxy = new ProxyHarness(node(1, Duration.ofSeconds(5),
                List.of(frontend("web", 0, "app", defaultFrontendTimeouts()),
                        frontend("nowhere", 0, null, defaultFrontendTimeouts())),
                List.of(backend("app", defaultBackendTimeouts(), 2, List.of(server("s1", app.port(), 0))))));
        port = proxy.port("web");
    }

    @AfterEach
    void stop() {
        proxy.close();
        app.close();
    }

    @Test
    void forwardsRequestWithProxyHeadersAndWithoutHopByHopOnes() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /hello?x=1 HTTP/1.1\r\nHost: example.test:8080\r\n"
                    + "X-Forwarded-For: 10.9.9.9\r\nConnection: keep-alive, X-Secret\r\nX-Secret: s\r\n"
                    + "Keep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: Basic eA==\r\n"
                    + "Upgrade: h2c\r\nX-Kept: yes\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(200);
            String seen = response.text();
            assertThat(seen).contains("uri=/hello?x=1", "host: example.test:8080", "x-kept: yes",
                    "x-forwarded-for: 10.9.9.9, 127.0.0.1", "x-real-ip: 127.0.0.1", "x-forwarded-proto: http",
                    "x-forwarded-port: " + port, "x-forwarded-host: example.test:8080", "version=HTTP/1.1");
            assertThat(seen).doesNotContain("x-secret", "keep-alive:", "te:", "proxy-authorization", "upgrade:",
                    "connection:");
        }
    }

    @Test
    void reusesBackendConnectionsAcrossRequestsAndClients() throws Exception {
        for (int c = 0; c < 5; c++) {
            try (RawClient client = new RawClient(port)) {
                for (int i = 0; i < 20; i++) {
                    client.send("GET /r" + i + " HTTP/1.1\r\nHost: a\r\n\r\n");
                    assertThat(client.read().status()).isEqualTo(200);
                }
            }
        }
        assertThat(app.connections()).isEqualTo(1);
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (RawClient client = new RawClient(port)) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                burst.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: a\r\n\r\n");
            }
            burst.append("POST /p10 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
            // The POST's answer must show its 5 body bytes: checked through its uri line and body-bytes below.
            burst.append("HEAD /p11 HTTP/1.1\r\nHost: a\r\n\r\n");
            client.send(burst.toString());
            for (int i = 0; i < 11; i++) {
                RawClient.Response response = client.read();
                assertThat(response.text()).contains("uri=/p" + i + "\n", i == 10 ? "body-bytes=5" : "body-bytes=0");
            }
            RawClient.Response head = client.read(true);
            assertThat(client.input().available()).isZero();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isNotNull();
        }
    }

    @Test
    void servesHttp10ClientsWithAndWithoutKeepAlive() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /old HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response first = client.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("connection")).isEqualToIgnoringCase("keep-alive");
            client.send("GET /old2 HTTP/1.0\r\n\r\n");
            RawClient.Response second = client.read();
            assertThat(second.text()).contains("uri=/old2", "host: 127.0.0.1:" + app.port());
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void chunkedResponseReachesHttp10ClientAsBareBodyEndedByClose() throws Exception {
        try (TestHttpServer chunky = TestHttpServer.start(() -> TestHandlers.source(100_000, true));
             ProxyHarness viaChunky = new ProxyHarness(node(1, Duration.ofSeconds(1),
                     List.of(frontend("web", 0, "app", defaultFrontendTimeouts())),
                     List.of(backend("app", defaultBackendTimeouts(), 0, List.of(server("c", chunky.port(), 0))))));
             RawClient client = new RawClient(viaChunky.port("web"))) {
            client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.header("transfer-encoding")).isNull();
            assertThat(response.body().length).isEqualTo(100_000);
        }
    }

    @Test
    void keepsChunkedTrailersBothWays() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /t HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n0\r\nX-Digest: abc\r\n\r\n");
            assertThat(client.read().text()).contains("body-bytes=5", "trailer x-digest: abc");
        }
        try (TestHttpServer chunky = TestHttpServer.start(() -> TestHandlers.source(10, true));
             ProxyHarness viaChunky = new ProxyHarness(node(1, Duration.ofSeconds(1),
                     List.of(frontend("web", 0, "app", defaultFrontendTimeouts())),
                     List.of(backend("app", defaultBackendTimeouts(), 0, List.of(server("c", chunky.port(), 0))))));
             RawClient client = new RawClient(viaChunky.port("web"))) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.body().length).isEqualTo(10);
            assertThat(response.trailers()).containsKey("x-checksum");
        }
    }

    @Test
    void answers404WhenTheFrontendHasNoRouteAndStaysUsable() throws Exception {
        try (RawClient client = new RawClient(proxy.port("nowhere"))) {
            client.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).contains("no route of frontend 'nowhere'");
            client.send("GET /y HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(404);
        }
    }

    @Test
    void refusesOversizedHeadersWith431() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(431);
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void malformedChunkInTheRequestBodyGets400AndCloses() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nzz\r\nbad\r\n0\r\n\r\n");
            RawClient.Response response = client.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains("invalid chunked body");
            assertThat(client.closedByPeer()).isTrue();
        }
    }
}
