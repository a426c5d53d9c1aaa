package dev.ballast.node.proxy.http.guard;

import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.proxy.http.guard.SmugglingVectors.Vector;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.runtime.NodeWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every smuggling vector against the whole node as production assembles it (YAML configuration, routing, the
 * backend balancer, the proxy): the client gets the expected status and then end of stream, and the server behind
 * the proxy receives nothing.
 */
class ProxySmugglingIT {

    static final List<Vector> REFUSED = SmugglingVectors.REFUSED;

    private static RecordingBackend backend;
    private static NodeRuntime node;

    @BeforeAll
    static void start() throws Exception {
        backend = new RecordingBackend();
        String yaml = """
                frontends:
                  - name: web
                    bind: 127.0.0.1:0
                    default-backend: app
                    limits:
                      max-request-line: %d
                      max-header-size: %d
                backends:
                  - name: app
                    servers:
                      - name: s1
                        address: 127.0.0.1:%d
                """.formatted(SmugglingVectors.LIMITS.maxRequestLine(), SmugglingVectors.LIMITS.maxHeaderSize(),
                backend.port());
        node = NodeWiring.runtime(ConfigLoader.parse(yaml, "smuggling-test.yaml"));
        node.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.stop(Duration.ZERO);
        }
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("REFUSED")
    void refusedVectorNeverReachesTheServer(Vector vector) throws IOException {
        int before = backend.received().length();

        String response = exchangeUntilClosed(vector.bytes());

        assertThat(response).startsWith("HTTP/1.1 " + vector.status() + " ");
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> backend.received().length() == before);
    }

    private static String exchangeUntilClosed(byte[] request) throws IOException {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    node.listenAddress("web").getPort()), 5_000);
            client.setSoTimeout(15_000);
            client.getOutputStream().write(request);
            InputStream in = client.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
