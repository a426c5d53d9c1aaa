package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.IoEventLoop;

import java.io.IOException;
import java.net.InetSocketAddress;
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
 * <p>The connection is a {@link CheckSocket}, not a Netty channel: a thousand checks a second spent more in the
 * channel's pipeline, buffers and promises than in the checks. Confined to one event loop.
 */
final class HttpServerProbe implements ServerProbe {

    /** Body bytes still read after the verdict to keep the connection; a longer rest closes it instead. */
    private static final int MAX_DRAINED = 64 * 1024;

    private final HttpProbe probe;
    private final HealthCheckConfig check;
    private final CheckTimer timer;
    private final IoEventLoop loop;
    private final CheckTarget target;
    private final ByteBuf request;
    /** Shared with the other servers of the loop: holds bytes only while one read is being scanned. */
    private final ByteBuf readBuffer;
    private final HttpResponseScanner response;
    private Connection connection;
    private ProbeRun running;
    /** The result of the last check passed on its status alone, reused while the server answers the same. */
    private CheckResult passedOnStatus;
    private int passedStatus;
    private boolean stopped;

    HttpServerProbe(HttpProbe probe, HealthCheckConfig check, CheckTimer timer, CheckTarget target, ByteBuf request,
                    ByteBuf readBuffer) {
        this.probe = probe;
        this.check = check;
        this.timer = timer;
        this.loop = (IoEventLoop) timer.loop();
        this.target = target;
        this.request = request;
        this.readBuffer = readBuffer;
        this.response = new HttpResponseScanner(
                "HEAD".equals(check.method()), check.expectBody(), HttpProbe.MAX_BODY_SCANNED);
    }

    @Override
    public void start(Consumer<CheckResult> onDone) {
        ProbeRun run = probe.newRun(timer, onDone);
        running = run;
        Connection kept = connection;
        if (kept != null && kept.ready()) {
            kept.send(run, true);
        } else {
            if (kept != null) {
                kept.close();
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
        if (connection != null) {
            connection.close();
        }
    }

    private void connectNew(ProbeRun run) {
        Probe.resolved(loop, target.address(), run, address -> {
            Connection fresh;
            try {
                fresh = new Connection(CheckSocket.forRequests(loop, address));
            } catch (IOException e) {
                run.complete(Probe.connectFailure(e));
                return;
            }
            connection = fresh;
            fresh.connect(address, run);
        });
    }

    private CheckResult passedWith(int status) {
        if (passedOnStatus == null || passedStatus != status) {
            passedOnStatus = CheckResult.passed("HTTP " + status);
            passedStatus = status;
        }
        return passedOnStatus;
    }

    /** One connection to the server and the check using it; also what the event loop calls when it is ready. */
    private final class Connection implements Runnable {
        private final CheckSocket socket;
        private final Runnable closer = this::close;
        private boolean open = true;
        private boolean connecting;
        private ProbeRun run;
        /** Bytes of the request written so far. */
        private int written;
        private boolean reused;
        private boolean answered;
        private boolean draining;
        private int drained;

        Connection(CheckSocket socket) {
            this.socket = socket;
        }

        void connect(InetSocketAddress address, ProbeRun run) {
            this.run = run;
            run.attach(closer);
            try {
                if (socket.connect(address)) {
                    send(run, false);
                } else {
                    connecting = true;
                    socket.watch(loop, CheckSocket.Interest.CONNECT, this);
                }
            } catch (IOException e) {
                run.complete(Probe.connectFailure(e));
            }
        }

        /** Open, idle, and left in a clean state by the previous response. */
        boolean ready() {
            return open && !connecting && !draining && !checking();
        }

        void send(ProbeRun run, boolean reused) {
            this.run = run;
            this.reused = reused;
            answered = false;
            written = 0;
            response.reset();
            run.attach(closer);
            write();
        }

        void close() {
            if (open) {
                open = false;
                socket.reset();
            }
            if (connection == this) {
                connection = null;
            }
        }

        /** The socket is ready (or may be: a stale wake-up costs one read that finds nothing). */
        @Override
        public void run() {
            if (!open) {
                return;
            }
            if (connecting) {
                connectEnded();
                return;
            }
            if (written < request.writerIndex()) {
                write();
            }
            if (open) {
                read();
            }
        }

        private void connectEnded() {
            try {
                if (!socket.finishConnect()) {
                    return;
                }
            } catch (IOException e) {
                if (checking()) {
                    run.complete(Probe.connectFailure(e));
                }
                close();
                return;
            }
            connecting = false;
            if (checking()) {
                send(run, false);
            } else {
                close();
            }
        }

        /** Writes what is left of the request; waits for the socket to drain if its buffer is full. */
        private void write() {
            try {
                written += socket.write(request, written, request.writerIndex());
                socket.watch(loop, written < request.writerIndex()
                        ? CheckSocket.Interest.READ_WRITE : CheckSocket.Interest.READ, this);
            } catch (IOException e) {
                failed(e);
            }
        }

        private void read() {
            ByteBuf in = readBuffer.clear();
            int n;
            try {
                n = socket.read(in);
            } catch (IOException e) {
                failed(e);
                return;
            }
            if (n < 0) {
                lost();
            } else if (n > 0) {
                received(in);
            }
        }

        private void received(ByteBuf in) {
            try {
                if (checking()) {
                    answered = true;
                    response.feed(in);
                    judge(in.isReadable());
                } else if (draining) {
                    drain(in);
                } else {
                    close(); // bytes nobody asked for: the connection is no longer in a known state
                }
            } catch (HttpResponseScanner.InvalidResponseException e) {
                if (checking()) {
                    run.complete(CheckResult.failed("invalid HTTP response: " + e.getMessage()));
                }
                close();
            }
        }

        /** A read or write failed: a verdict, unless a kept connection failed before any answer (then a retry). */
        private void failed(IOException cause) {
            if (checking() && !(reused && !answered)) {
                run.complete(CheckResult.failed("connection error: " + cause.getMessage()));
            }
            lost();
        }

        /** The connection ended: what was read may decide the check, else it is retried or fails. */
        private void lost() {
            close();
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
                close();
            }
        }
    }
}
