package dev.ballast.node.proxy.http.guard;

import dev.ballast.node.proxy.http.guard.SmugglingVectors.Vector;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every smuggling vector over a real socket to a Netty server running the strict decoder and the guard
 * in front of a handler that forwards to a real backend: the client gets the expected status and then
 * end of stream, and the backend receives nothing.
 */
class RequestSmugglingIT {

    static final List<Vector> REFUSED = SmugglingVectors.REFUSED;
    static final List<Vector> ACCEPTED = SmugglingVectors.ACCEPTED;

    private static RecordingBackend backend;
    private static EventLoopGroup group;
    private static Channel server;

    @BeforeAll
    static void start() throws Exception {
        backend = new RecordingBackend();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        HttpRequestGuard.install(ch.pipeline(), SmugglingVectors.LIMITS);
                        ch.pipeline().addLast(new ForwardingHandler(backend.port()));
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close().sync();
        }
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("REFUSED")
    void refusedVectorGetsItsStatusThenEndOfStreamAndNothingReachesTheBackend(Vector vector) throws IOException {
        int backendBefore = backend.received().length();

        String response = exchangeUntilClosed(vector.bytes());

        assertThat(response).startsWith("HTTP/1.1 " + vector.status() + " ");
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> backend.received().length() == backendBefore);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ACCEPTED")
    void acceptedVectorReachesTheBackend(Vector vector) throws IOException {
        int backendBefore = backend.received().length();
        String requestLine = vector.request().strip().lines().findFirst().orElseThrow();

        try (Socket client = connect()) {
            client.getOutputStream().write(vector.bytes());
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 200 ");
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> backend.received().substring(backendBefore).startsWith(requestLine + "\r\n"));
    }

    @Test
    void aSmuggledRequestInsideABadBodyNeverReachesTheBackend() throws IOException {
        int backendBefore = backend.received().length();
        byte[] attack = ("POST / HTTP/1.1\r\nHost: a.example\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: a.example\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        String response = exchangeUntilClosed(attack);

        assertThat(response).startsWith("HTTP/1.1 400 ").doesNotContain("HTTP/1.1 200");
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> !backend.received().substring(backendBefore).contains("/admin"));
        assertThat(backend.received().substring(backendBefore)).isEmpty();
    }

    @Test
    void aBadChunkAfterTheHeadWasForwardedAbortsBothSidesWithoutCompletingTheRequest() throws IOException {
        int backendBefore = backend.received().length();
        int endedBefore = backend.endedConnections();

        try (Socket client = connect()) {
            client.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: a.example\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n").getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> backend.received().substring(backendBefore).contains("hello"));

            client.getOutputStream().write("zz\r\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThat(client.getInputStream().readAllBytes()).as("no response, just the close").isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.endedConnections() > endedBefore);
        assertThat(backend.received().substring(backendBefore))
                .startsWith("POST /upload HTTP/1.1\r\n")
                .doesNotContain("0\r\n\r\n");
    }

    private static Socket connect() throws IOException {
        Socket client = new Socket();
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                ((InetSocketAddress) server.localAddress()).getPort()), 5_000);
        client.setSoTimeout(15_000);
        return client;
    }

    /** Sends the bytes and reads until the server ends the stream (a timeout fails the test). */
    private static String exchangeUntilClosed(byte[] request) throws IOException {
        try (Socket client = connect()) {
            client.getOutputStream().write(request);
            client.getOutputStream().flush();
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
