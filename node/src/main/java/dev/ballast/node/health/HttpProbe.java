package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.nio.charset.StandardCharsets;

/**
 * Sends an HTTP/1.1 request and passes when the status is expected and, if asked, the body contains a substring.
 * Each server's request is encoded once; its connection is kept open between checks (see {@link HttpServerProbe}).
 */
final class HttpProbe extends Probe {

    /** How much body is scanned for the expected substring before the check gives up. */
    static final int MAX_BODY_SCANNED = 64 * 1024;

    private final HealthCheckConfig check;

    HttpProbe(EventLoopGroup group, HealthCheckConfig check) {
        super(group, check.timeout());
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
    ServerProbe forServer(EventLoop loop, CheckTarget target) {
        return new HttpServerProbe(this, check, loop, target, request(target));
    }

    /** The whole request, encoded once per server; HTTP/1.1 keeps the connection open unless the server closes it. */
    private ByteBuf request(CheckTarget target) {
        String head = check.method() + " " + check.path() + " HTTP/1.1\r\n"
                + "Host: " + check.host().orElse(target.hostHeader()) + "\r\n"
                + "User-Agent: ballast-health-check\r\n"
                + "Accept: */*\r\n"
                + "\r\n";
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }

    private static boolean hasControlOrSpace(String value) {
        return value.chars().anyMatch(c -> c <= ' ' || c == 0x7f);
    }
}
