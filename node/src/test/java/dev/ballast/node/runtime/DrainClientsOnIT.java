package dev.ballast.node.runtime;

import dev.ballast.node.testing.ProxyHarness;
import dev.ballast.node.testing.RawClient;
import dev.ballast.node.testing.ScriptedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data plane's side of a VIP handover ({@code NodeRuntime.drainClientsOn}): the connections that reached the
 * node on one address finish (those between requests at once, the others after their response) while the node keeps
 * listening.
 */
class DrainClientsOnIT {

    /** A server that answers /slow only once the gate opens, anything else at once. */
    private static ScriptedServer gatedServer(CountDownLatch gate) throws IOException {
        return new ScriptedServer(socket -> {
            while (true) {
                String head = ScriptedServer.readHead(socket.getInputStream());
                if (head.isEmpty()) {
                    return;
                }
                if (head.startsWith("GET /slow")) {
                    gate.await(20, TimeUnit.SECONDS);
                }
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone"
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
        });
    }

    @Test
    void connectionsOnTheAddressFinishWhileTheNodeKeepsAccepting() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (ScriptedServer app = gatedServer(gate);
             ProxyHarness proxy = ProxyHarness.inFrontOf(app.port());
             RawClient busy = new RawClient(proxy.port("web"));
             RawClient idle = new RawClient(proxy.port("web"))) {
            idle.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(idle.read().status()).isEqualTo(200);
            busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            await().atMost(10, TimeUnit.SECONDS).until(() -> app.connections() >= 1);

            assertThat(proxy.runtime().drainClientsOn(InetAddress.getByName("127.0.0.2"), Duration.ofSeconds(5)))
                    .as("no connection reached the node on 127.0.0.2").isZero();
            idle.setTimeoutMillis(300);
            assertThat(idle.closedByPeer()).as("a connection on another address is left alone").isFalse();

            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            CompletableFuture<Integer> draining = CompletableFuture.supplyAsync(() -> proxy.runtime()
                    .drainClientsOn(loopback, Duration.ofSeconds(20)));
            idle.setTimeoutMillis(10_000);
            assertThat(idle.closedByPeer()).as("an idle connection closes at once").isTrue();
            try (RawClient newcomer = new RawClient(proxy.port("web"))) {
                newcomer.send("GET /new HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(newcomer.read().status()).as("the node still accepts and serves").isEqualTo(200);
            }
            assertThat(draining).as("the busy connection is still being served").isNotDone();

            gate.countDown();
            RawClient.Response response = busy.read();
            assertThat(response.text()).isEqualTo("done");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            assertThat(busy.closedByPeer()).isTrue();
            assertThat(draining.get(20, TimeUnit.SECONDS)).as("connections still open after the drain").isZero();
        }
    }

    @Test
    void aNewConnectionGetsAMomentForItsFirstRequest() throws Exception {
        try (ScriptedServer app = gatedServer(new CountDownLatch(0));
             ProxyHarness proxy = ProxyHarness.inFrontOf(app.port());
             RawClient sending = new RawClient(proxy.port("web"));
             RawClient silent = new RawClient(proxy.port("web"))) {
            acceptedBefore(proxy);
            // The drain reaches the connection before or after the node has read these bytes: answered either way.
            sending.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            int open = proxy.runtime().drainClientsOn(InetAddress.getByName("127.0.0.1"), Duration.ofSeconds(20));

            assertThat(sending.read().status()).isEqualTo(200);
            assertThat(sending.closedByPeer()).as("the answered connection closes").isTrue();
            assertThat(silent.closedByPeer()).as("the silent one closes too").isTrue();
            assertThat(open).as("connections still open after the drain").isZero();
        }
    }

    /**
     * Returns once the node has accepted the connections made so far: on its one event loop, it accepts in order, so
     * a later connection being answered means the earlier ones were accepted.
     */
    private static void acceptedBefore(ProxyHarness proxy) throws IOException {
        try (RawClient later = new RawClient(proxy.port("web"))) {
            later.send("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertThat(later.read().status()).isEqualTo(200);
        }
    }
}
