package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The http checks of one server over one kept-open connection, as Envoy does by default: a check is one write of
 * the pre-encoded request and one read of the response, with no connect, accept or close in between. The
 * connection is dropped after any error, a timeout, an invalid response, or a response that ends it (Connection:
 * close, HTTP/1.0, a body delimited by the close); the next check then opens a new one.
 *
 * <p>A kept connection can be closed by the server at any moment (idle timeout, restart). So a check whose request
 * went out on a kept connection and that got no byte back before the connection closed or failed is not a verdict:
 * it is retried once on a new connection, under the same deadline. Every other failure on any connection is one.
 * A timeout is always a verdict, whatever the connection.
 *
 * <p>Confined to one event loop.
 */
final class HttpServerProbe implements ServerProbe {

    /** Body bytes still read after the verdict to keep the connection; a longer rest closes it instead. */
    private static final int MAX_DRAINED = 64 * 1024;

    private final HttpProbe probe;
    private final HealthCheckConfig check;
    private final Bootstrap bootstrap;
    private final CheckTarget target;
    private final EventLoop loop;
    private final ByteBuf request;
    private Connection connection;
    private ProbeRun running;
    /** The result of the last check passed on its status alone, reused while the server answers the same. */
    private CheckResult passedOnStatus;
    private int passedStatus;
    private boolean stopped;

    HttpServerProbe(HttpProbe probe, HealthCheckConfig check, EventLoop loop, CheckTarget target, ByteBuf request) {
        this.probe = probe;
        this.check = check;
        this.loop = loop;
        this.target = target;
        this.request = request;
        this.bootstrap = probe.bootstrap(loop);
    }

    @Override
    public void start(Consumer<CheckResult> onDone) {
        ProbeRun run = probe.newRun(loop, onDone);
        running = run;
        Connection kept = connection;
        if (kept != null && kept.ready()) {
            kept.send(run, true);
        } else {
            if (kept != null) {
                kept.channel.close();
            }
            connectNew(run);
        }
    }

    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (running != null) {
            running.abort();
        }
        if (connection != null && connection.channel != null) {
            connection.channel.close();
        }
        request.release();
    }

    private void connectNew(ProbeRun run) {
        Connection fresh = new Connection();
        connection = fresh;
        probe.connect(bootstrap.clone().handler(fresh), target, run, channel -> fresh.send(run, false));
    }

    private CheckResult passedWith(int status) {
        if (passedOnStatus == null || passedStatus != status) {
            passedOnStatus = CheckResult.passed("HTTP " + status);
            passedStatus = status;
        }
        return passedOnStatus;
    }

    private void closed(Connection closed) {
        if (connection == closed) {
            connection = null;
        }
    }

    /** One connection to the server and the response being read on it; also its pipeline's only handler. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final HttpResponseScanner response = new HttpResponseScanner(
                "HEAD".equals(check.method()), check.expectBody(), HttpProbe.MAX_BODY_SCANNED);
        private final Runnable closeChannel = () -> this.channel.close();
        private Channel channel;
        private ProbeRun run;
        private boolean reused;
        private boolean answered;
        private boolean draining;
        private int drained;

        /** Open, idle, and left in a clean state by the previous response. */
        boolean ready() {
            return channel != null && channel.isActive() && !draining && (run == null || run.done());
        }

        void send(ProbeRun run, boolean reused) {
            this.run = run;
            this.reused = reused;
            answered = false;
            response.reset();
            run.attach(closeChannel);
            // failures of the write reach exceptionCaught: no listener per check
            channel.writeAndFlush(request.retainedDuplicate(), channel.voidPromise());
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf in = (ByteBuf) message;
            try {
                if (checking()) {
                    answered = true;
                    response.feed(in);
                    judge(in.isReadable());
                } else if (draining) {
                    drain(in);
                } else {
                    ctx.close(); // bytes nobody asked for: the connection is no longer in a known state
                }
            } catch (HttpResponseScanner.InvalidResponseException e) {
                if (checking()) {
                    run.complete(CheckResult.failed("invalid HTTP response: " + e.getMessage()));
                } else {
                    ctx.close();
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed(this);
            if (!checking()) {
                return;
            }
            response.closed();
            judge(false);
            if (!checking()) {
                return;
            }
            if (reused && !answered && !stopped) {
                connectNew(run); // the server closed the kept connection as the request went out: not a verdict
            } else {
                run.complete(CheckResult.failed("connection closed before a complete response"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (checking() && !(reused && !answered)) {
                run.complete(CheckResult.failed(cause instanceof IOException
                        ? "connection error: " + cause.getMessage()
                        : "check failed: " + cause));
            }
            ctx.close(); // a kept connection that failed before any answer: channelInactive retries
        }

        private boolean checking() {
            return run != null && !run.done();
        }

        /** Completes the check once the response decides it; {@code extraBytes}: more came than the response. */
        private void judge(boolean extraBytes) {
            CheckResult result = verdict();
            if (result == null) {
                return;
            }
            ProbeRun decided = run;
            if (extraBytes || !response.keepsConnection()) {
                decided.complete(result);
            } else {
                draining = !response.complete();
                drained = 0;
                decided.completeKeepingConnection(result);
            }
        }

        /** The check's result, or null while the response read so far does not decide it. */
        private CheckResult verdict() {
            if (!response.headComplete()) {
                return null;
            }
            int status = response.status();
            if (!check.accepts(status)) {
                return CheckResult.unexpectedStatus(status);
            }
            BodyMatcher.Verdict body = response.bodyVerdict();
            if (body == null) {
                return passedWith(status);
            }
            String expected = check.expectBody().orElseThrow();
            return switch (body) {
                case FOUND -> CheckResult.passed("HTTP " + status + ", body contains \"" + expected + "\"");
                case LIMIT_REACHED -> CheckResult.failed(
                        "body lacks \"" + expected + "\" in its first " + response.maxBodyScanned() + " bytes");
                case NEED_MORE -> response.complete() ? CheckResult.failed("body lacks \"" + expected + "\"") : null;
            };
        }

        /** Reads the rest of a decided response so that the connection can carry the next check. */
        private void drain(ByteBuf in) throws HttpResponseScanner.InvalidResponseException {
            drained += in.readableBytes();
            response.feed(in);
            if (response.complete() && !in.isReadable()) {
                draining = false;
            } else if (in.isReadable() || drained > MAX_DRAINED) {
                channel.close();
            }
        }
    }
}
