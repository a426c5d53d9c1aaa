package dev.ballast.node.demo;

import dev.ballast.node.demo.RawHttpConnection.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo backend over real loopback sockets, with the JDK's HTTP and WebSocket clients and raw sockets. */
class DemoBackendIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    private DemoBackend backend;
    private int port;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        backend = DemoBackend.onLoopback("web1");
        port = backend.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT)
                .POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
    }

    @Test
    void namesTheBackendAndEchoesMethodPathAndHeaders() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/some/page?q=1")).timeout(TIMEOUT)
                .header("X-Forwarded-For", "10.1.2.3").header("X-Test", "abc").build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Backend")).hasValue("web1");
        assertThat(response.body()).startsWith("backend: web1\nmethod: GET\npath: /some/page?q=1\nheaders:\n")
                .contains("\n  X-Forwarded-For: 10.1.2.3\n", "\n  X-Test: abc\n", "\n  Host: 127.0.0.1:" + port + "\n");
    }

    @Test
    void healthSwitchesToFailingAndBackAtRunTime() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/health").body()).isEqualTo("ok\n");

        HttpResponse<String> fail = post("/health/fail");
        assertThat(fail.statusCode()).isEqualTo(200);
        assertThat(fail.headers().firstValue("X-Backend")).hasValue("web1");
        assertThat(backend.healthy()).isFalse();
        HttpResponse<String> failing = get("/health");
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.headers().firstValue("X-Backend")).hasValue("web1");

        HttpResponse<String> wrongMethod = get("/health/ok");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get("/health").statusCode()).isEqualTo(503);

        assertThat(post("/health/ok").statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).isEqualTo(200);

        backend.healthy(false);
        assertThat(get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void answersTheStatusAskedFor() throws Exception {
        HttpResponse<String> unavailable = get("/status?code=503");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).isEqualTo("status 503\n");
        assertThat(unavailable.headers().firstValue("X-Backend")).hasValue("web1");
        assertThat(get("/status?code=404").statusCode()).isEqualTo(404);

        HttpResponse<String> noContent = get("/status?code=204");
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
        // The connection stays usable after a bodiless response.
        assertThat(get("/status?code=201").statusCode()).isEqualTo(201);
    }

    @Test
    void refusesBadParametersWithTheReason() throws Exception {
        HttpResponse<String> badCode = get("/status?code=99");
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(badCode.body()).isEqualTo("code=99 is out of range: code must be a whole number from 200 to 599\n");
        assertThat(badCode.headers().firstValue("X-Backend")).hasValue("web1");

        HttpResponse<String> missing = get("/delay");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).startsWith("missing query parameter ms");
        assertThat(get("/bytes?n=lots").statusCode()).isEqualTo(400);
    }

    @Test
    void delayWaitsOnATimerWithoutBlockingTheEventLoop() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> delayed = client.sendAsync(
                HttpRequest.newBuilder(uri("/delay?ms=3000")).timeout(TIMEOUT).build(), BodyHandlers.ofString());

        // The backend has a single event loop: this answer proves the delay does not occupy it.
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(delayed).isNotDone();

        HttpResponse<String> response = delayed.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("delayed 3000 ms\n");
        assertThat(response.headers().firstValue("X-Backend")).hasValue("web1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("GET /delay?ms=300 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /status?code=201 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /third HTTP/1.1\r\nHost: a\r\n\r\n");

            Response first = connection.readResponse();
            Response second = connection.readResponse();
            Response third = connection.readResponse();

            assertThat(first.text()).isEqualTo("delayed 300 ms\n");
            assertThat(second.status()).isEqualTo(201);
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.text()).contains("path: /third\n");
            assertThat(third.headers()).containsEntry("x-backend", "web1");
        }
    }

    @Test
    void keepsConnectionsAliveUnlessAskedToClose() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(connection.readResponse().text()).contains("path: /one\n");
            connection.send("GET /two HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            Response last = connection.readResponse();
            assertThat(last.text()).contains("path: /two\n");
            assertThat(last.headers()).containsEntry("connection", "close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void speaksHttp10BothWithAndWithoutKeepAlive() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Response kept = connection.readResponse();
            assertThat(kept.headers()).containsEntry("connection", "keep-alive");
            connection.send("GET /b HTTP/1.0\r\n\r\n");
            assertThat(connection.readResponse().text()).contains("path: /b\n");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void refusesAMalformedRequestAndCloses() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("GET /\r\n\r\n");
            Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).startsWith("bad request: ");
            assertThat(response.headers()).containsEntry("x-backend", "web1");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void refusesABadChunkAndCloses() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\nhello\r\n0\r\n\r\n");
            Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).startsWith("bad request body: ");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void streamsAGibibyteThatTheClientReadsInConstantMemory() throws Exception {
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(uri("/bytes?n=" + GIB)).timeout(Duration.ofMinutes(5)).build(),
                BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(GIB);
        assertThat(response.headers().firstValue("X-Backend")).hasValue("web1");

        long received = 0;
        long mismatches = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != BytesBody.at(received + i)) {
                        mismatches++;
                    }
                }
                received += n;
            }
        }
        assertThat(received).isEqualTo(GIB);
        assertThat(mismatches).isZero();
        assertThat(backend.streamedBytes()).isEqualTo(GIB);
    }

    @Test
    void stopsStreamingWhileTheClientDoesNotRead() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("GET /bytes?n=" + GIB + " HTTP/1.1\r\nHost: a\r\n\r\n");
            Response head = connection.readHead();
            assertThat(head.headers()).containsEntry("content-length", String.valueOf(GIB));
            long read = connection.input().readNBytes((int) MIB).length;

            awaitNoProgress(backend::streamedBytes);
            // Only socket buffers and one write buffer may be ahead of the client, not the gibibyte.
            assertThat(backend.streamedBytes() - read).isLessThan(64 * MIB);
        }
    }

    @Test
    void echoesAFixedLengthBody() throws Exception {
        byte[] body = new byte[(int) MIB];
        new Random(7).nextBytes(body);
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri("/echo")).timeout(TIMEOUT)
                .POST(BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(MIB);
        assertThat(response.headers().firstValue("X-Backend")).hasValue("web1");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void echoesAChunkedBody() throws Exception {
        byte[] body = new byte[300_000];
        new Random(11).nextBytes(body);
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri("/echo")).timeout(TIMEOUT)
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void echoOnlyAcceptsPost() throws Exception {
        HttpResponse<String> response = get("/echo");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("method GET is not allowed on /echo: use POST\n");
    }

    @Test
    void echoStopsReadingWhileTheClientDoesNotReadTheEcho() throws Exception {
        long length = 256 * MIB;
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> upload(connection.output(), length,
                    written));
            awaitNoProgress(written::get);
            assertThat(written.get()).isLessThan(64 * MIB);

            // Reading the echo lets the upload finish; the echo is the body, byte for byte.
            Response head = connection.readHead();
            assertThat(head.headers()).containsEntry("content-length", String.valueOf(length));
            long received = 0;
            long mismatches = 0;
            byte[] buffer = new byte[64 * 1024];
            InputStream in = connection.input();
            while (received < length) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - received));
                assertThat(n).isPositive();
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != BytesBody.at(received + i)) {
                        mismatches++;
                    }
                }
                received += n;
            }
            upload.get(60, TimeUnit.SECONDS);
            assertThat(mismatches).isZero();
        }
    }

    private static void upload(OutputStream out, long length, AtomicLong written) {
        byte[] chunk = new byte[BytesBody.CHUNK_SIZE];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = BytesBody.at(i);
        }
        try {
            out.write(("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            while (written.get() < length) {
                int n = (int) Math.min(chunk.length, length - written.get());
                out.write(chunk, 0, n);
                written.addAndGet(n);
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void answers100ContinueBeforeTheBody() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            Response interim = connection.readHead();
            assertThat(interim.status()).isEqualTo(100);
            connection.send("hello");
            Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello");
        }
    }

    @Test
    void webSocketEchoesTextAndBinaryFrames() throws Exception {
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.add(data.toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                received.add(bytes);
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                received.add("closed " + statusCode);
                return null;
            }
        };
        WebSocket webSocket = client.newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener).get(60, TimeUnit.SECONDS);

        webSocket.sendText("hello ballast", true).get(60, TimeUnit.SECONDS);
        assertThat(received.poll(60, TimeUnit.SECONDS)).isEqualTo("hello ballast");
        webSocket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(60, TimeUnit.SECONDS);
        assertThat(received.poll(60, TimeUnit.SECONDS)).isEqualTo(new byte[] {1, 2, 3});
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(60, TimeUnit.SECONDS);
        assertThat(received.poll(60, TimeUnit.SECONDS)).isEqualTo("closed 1000");
    }

    @Test
    void webSocketHandshakeNamesTheBackend() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            Response handshake = connection.readHead();
            assertThat(handshake.status()).isEqualTo(101);
            assertThat(handshake.headers()).containsEntry("x-backend", "web1")
                    .containsEntry("sec-websocket-accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        }
    }

    @Test
    void closingStopsListening() {
        backend.close();
        backend.close(); // idempotent
        assertThat(client.sendAsync(HttpRequest.newBuilder(uri("/")).timeout(TIMEOUT).build(),
                BodyHandlers.ofString())).failsWithin(TIMEOUT);
    }

    /** Waits until {@code counter} stops moving for a while: the producer is blocked. */
    private static void awaitNoProgress(java.util.function.LongSupplier counter) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(700)).until(() -> {
            long now = counter.getAsLong();
            return now > 0 && now == last.getAndSet(now);
        });
    }
}
