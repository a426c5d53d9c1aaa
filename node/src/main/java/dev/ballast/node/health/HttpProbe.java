package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Sends one HTTP/1.1 request on a fresh connection and passes when the status is expected and, if asked, the body
 * contains a substring. Reads only what the verdict needs: a wrong status or a found substring ends the check at
 * once; the response head and the scanned body are bounded.
 */
final class HttpProbe extends Probe {

    private static final int MAX_STATUS_LINE = 4096;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final int MAX_CHUNK = 8192;
    /** How much body is scanned for the expected substring before the check gives up. */
    static final int MAX_BODY_SCANNED = 64 * 1024;

    private final HealthCheckConfig check;
    private final HttpMethod method;

    HttpProbe(EventLoopGroup group, HealthCheckConfig check) {
        super(group, check.timeout());
        if (check.expectStatus().isEmpty()) {
            throw new IllegalArgumentException("an http health check needs at least one expected status range");
        }
        if (check.path() == null || !check.path().startsWith("/")) {
            throw new IllegalArgumentException("health-check path must start with '/', got " + check.path());
        }
        this.check = check;
        this.method = HttpMethod.valueOf(check.method());
    }

    @Override
    void prepare(Channel channel, CheckTarget target, ProbeRun run) {
        HttpDecoderConfig limits = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_STATUS_LINE)
                .setMaxHeaderSize(MAX_HEADERS)
                .setMaxChunkSize(MAX_CHUNK);
        channel.pipeline().addLast(
                new HttpClientCodec(limits, false, false),
                new HttpCheckHandler(check, run,
                        check.expectBody().map(body -> new BodyMatcher(body, MAX_BODY_SCANNED))));
    }

    @Override
    void connected(Channel channel, CheckTarget target, ProbeRun run) {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, method, check.path(), Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(HttpHeaderNames.HOST, check.host().orElse(target.hostHeader()))
                .set(HttpHeaderNames.USER_AGENT, "ballast-health-check")
                .set(HttpHeaderNames.ACCEPT, "*/*")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                run.complete(CheckResult.failed("request not sent: " + f.cause().getMessage()));
            }
        });
    }
}
