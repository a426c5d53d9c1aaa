package dev.ballast.node.proxy.http;

import dev.ballast.node.testing.ProxyHarness;
import dev.ballast.node.testing.RawClient;
import dev.ballast.node.testing.ScriptedServer;
import dev.ballast.node.testing.TestHandlers;
import dev.ballast.node.testing.TestHttpServer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ballast.node.testing.TestConfigs.backend;
import static dev.ballast.node.testing.TestConfigs.backendTimeouts;
import static dev.ballast.node.testing.TestConfigs.defaultFrontendTimeouts;
import static dev.ballast.node.testing.TestConfigs.frontend;
import static dev.ballast.node.testing.TestConfigs.node;
import static dev.ballast.node.testing.TestConfigs.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bodies stream through in constant memory, both ways, and a slow side slows the other instead of filling the
 * proxy's memory. Direct memory is read from the shared Netty allocator (proxy and test servers together); heap is
 * compared before and after.
 */
class HttpProxyStreamingIT {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final long MEMORY_BOUND = 64 * MIB;

    private static long directMemoryInUse() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    private static long heapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static ProxyHarness proxy(int port) {
        return new ProxyHarness(node(1, Duration.ofSeconds(1),
                List.of(frontend("web", 0, "app", defaultFrontendTimeouts())),
                List.of(backend("app", backendTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30),
                        Duration.ofSeconds(2)), 0, List.of(server("s", port, 0))))));
    }

    /** Writes {@code size} bytes from one reused buffer, counting them. */
    private static void writeBody(OutputStream out, long size, AtomicLong written) throws IOException {
        byte[] piece = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = (int) Math.min(piece.length, left);
            out.write(piece, 0, n);
            left -= n;
            written.addAndGet(n);
        }
        out.flush();
    }

    private static long countUntilEnd(InputStream in, long expected) throws IOException {
        byte[] piece = new byte[64 * 1024];
        long total = 0;
        while (total < expected) {
            int n = in.read(piece, 0, (int) Math.min(piece.length, expected - total));
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Samples direct memory until the task ends; returns the highest value seen. */
    private static long peakDirectMemoryDuring(CompletableFuture<?> task) throws Exception {
        long peak = 0;
        while (!task.isDone()) {
            peak = Math.max(peak, directMemoryInUse());
            try {
                task.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // sample again
            }
        }
        task.get();
        return peak;
    }

    @Test
    void uploadsOneGibibyteInConstantMemory() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"));
             ProxyHarness proxy = proxy(app.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            long heapBefore = heapAfterGc();
            CompletableFuture<String> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    client.send("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: " + GIB + "\r\n\r\n");
                    writeBody(client.output(), GIB, new AtomicLong());
                    return client.read().text();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            long peak = peakDirectMemoryDuring(upload);
            assertThat(upload.get()).contains("body-bytes=" + GIB);
            assertThat(peak).isLessThan(MEMORY_BOUND);
            assertThat(heapAfterGc() - heapBefore).isLessThan(MEMORY_BOUND);
        }
    }

    @Test
    void downloadsOneGibibyteInConstantMemory() throws Exception {
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.source(GIB, false));
             ProxyHarness proxy = proxy(app.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            long heapBefore = heapAfterGc();
            CompletableFuture<Long> download = CompletableFuture.supplyAsync(() -> {
                try {
                    client.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n");
                    String head = ScriptedServer.readHead(client.input());
                    assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + GIB);
                    return countUntilEnd(client.input(), GIB);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            long peak = peakDirectMemoryDuring(download);
            assertThat(download.get()).isEqualTo(GIB);
            assertThat(peak).isLessThan(MEMORY_BOUND);
            assertThat(heapAfterGc() - heapBefore).isLessThan(MEMORY_BOUND);
        }
    }

    @Test
    void slowClientSlowsTheServerInsteadOfFillingTheProxy() throws Exception {
        long size = 512 * MIB;
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.source(size, true));
             ProxyHarness proxy = proxy(app.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            client.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n");
            // The client reads nothing for a while: what the proxy holds must stay small.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> directMemoryInUse() < MEMORY_BOUND);
            RawClient.Response response = client.read();
            assertThat(response.body().length).isEqualTo((int) size);
        }
    }

    @Test
    void slowServerSlowsTheClientInsteadOfFillingTheProxy() throws Exception {
        long size = 512 * MIB;
        CountDownLatch serverMayRead = new CountDownLatch(1);
        try (ScriptedServer lazy = new ScriptedServer(socket -> {
            ScriptedServer.readHead(socket.getInputStream());
            serverMayRead.await(30, TimeUnit.SECONDS);
            long got = countUntilEnd(socket.getInputStream(), size);
            String body = "got " + got;
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        });
             ProxyHarness proxy = proxy(lazy.port());
             RawClient client = new RawClient(proxy.port("web"))) {
            AtomicLong written = new AtomicLong();
            CompletableFuture<String> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    client.send("PUT /big HTTP/1.1\r\nHost: a\r\nContent-Length: " + size + "\r\n\r\n");
                    writeBody(client.output(), size, written);
                    return client.read().text();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> directMemoryInUse() < MEMORY_BOUND && written.get() < size);
            assertThat(upload).isNotDone();
            serverMayRead.countDown();
            assertThat(upload.get(60, TimeUnit.SECONDS)).isEqualTo("got " + size);
        }
    }
}
