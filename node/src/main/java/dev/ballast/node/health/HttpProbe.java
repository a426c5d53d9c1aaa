package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends an HTTP/1.1 request and passes when the status is expected and, if asked, the body contains a substring.
 * Each server's request is encoded once; its connection is kept open between checks (see {@link HttpServerProbe}).
 */
final class HttpProbe extends Probe {

    /** How much body is scanned for the expected substring before the check gives up. */
    static final int MAX_BODY_SCANNED = 64 * 1024;
    /** What one read takes from a check connection; a longer response is read in several. */
    private static final int READ_BUFFER_SIZE = 8 * 1024;

    private final HealthCheckConfig check;
    /** One read buffer per event loop, shared by its servers' checks: a response is scanned as it is read. */
    private final Map<EventLoop, ByteBuf> readBuffers = new HashMap<>();

    HttpProbe(EventLoopGroup group, HealthCheckConfig check) {
        super(check.timeout());
        requireEpollOrNio(group, "http");
        if (check.expectStatus().isEmpty()) {
            throw new IllegalArgumentException("an http health check needs at least one expected status range");
        }
        if (check.path() == null || !check.path().startsWith("/") || hasControlOrSpace(check.path())) {
            throw new IllegalArgumentException(
                    "health-check path must start with '/' and hold no spaces, got \"" + check.path() + "\"");
        }
        check.host().filter(HttpProbe::hasControlOrSpace).ifPresent(host -> {
            throw new IllegalArgumentException("health-check host must hold no spaces, got \"" + host + "\"");
        });
        this.check = check;
    }

    @Override
    ServerProbe forServer(CheckTimer timer, CheckTarget target) {
        ByteBuf readBuffer;
        synchronized (readBuffers) {
            readBuffer = readBuffers.computeIfAbsent(timer.loop(), l -> directBuffer(READ_BUFFER_SIZE));
        }
        return new HttpServerProbe(this, check, timer, target, request(target), readBuffer);
    }

    /** The whole request, encoded once per server; HTTP/1.1 keeps the connection open unless the server closes it. */
    private ByteBuf request(CheckTarget target) {
        String head = check.method() + " " + check.path() + " HTTP/1.1\r\n"
                + "Host: " + check.host().orElse(target.hostHeader()) + "\r\n"
                + "User-Agent: ballast-health-check\r\n"
                + "Accept: */*\r\n"
                + "\r\n";
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return directBuffer(bytes.length).writeBytes(bytes);
    }

    /**
     * A direct buffer freed by the garbage collector with its last user (nothing to release): the sockets read and
     * write native memory without a copy.
     */
    private static ByteBuf directBuffer(int capacity) {
        return Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(capacity)).clear();
    }

    private static boolean hasControlOrSpace(String value) {
        return value.chars().anyMatch(c -> c <= ' ' || c == 0x7f);
    }
}
