package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.util.Optional;

/** Judges one HTTP check's response as it arrives; see {@link HttpProbe}. */
final class HttpCheckHandler extends SimpleChannelInboundHandler<HttpObject> {

    private final HealthCheckConfig check;
    private final ProbeRun run;
    private final Optional<BodyMatcher> bodyMatcher;
    private int status;

    HttpCheckHandler(HealthCheckConfig check, ProbeRun run, Optional<BodyMatcher> bodyMatcher) {
        this.check = check;
        this.run = run;
        this.bodyMatcher = bodyMatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (run.done()) {
            return;
        }
        if (message.decoderResult().isFailure()) {
            run.complete(CheckResult.failed("invalid HTTP response: " + message.decoderResult().cause().getMessage()));
            return;
        }
        if (message instanceof HttpResponse response) {
            status = response.status().code();
            if (!check.accepts(status)) {
                run.complete(CheckResult.unexpectedStatus(status));
                return;
            }
            if (bodyMatcher.isEmpty()) {
                run.complete(CheckResult.passed("HTTP " + status));
                return;
            }
        }
        if (message instanceof HttpContent content) {
            judgeBody(content);
        }
    }

    private void judgeBody(HttpContent content) {
        BodyMatcher matcher = bodyMatcher.orElseThrow();
        String expected = check.expectBody().orElseThrow();
        switch (matcher.feed(ByteBufUtil.getBytes(content.content()))) {
            case FOUND -> run.complete(CheckResult.passed("HTTP " + status + ", body contains \"" + expected + "\""));
            case LIMIT_REACHED -> run.complete(CheckResult.failed(
                    "body lacks \"" + expected + "\" in its first " + matcher.maxBytes() + " bytes"));
            case NEED_MORE -> {
                if (content instanceof LastHttpContent) {
                    run.complete(CheckResult.failed("body lacks \"" + expected + "\""));
                }
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        run.complete(CheckResult.failed("connection closed before a complete response"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        run.complete(CheckResult.failed(cause instanceof IOException
                ? "connection error: " + cause.getMessage()
                : "check failed: " + cause));
    }
}
