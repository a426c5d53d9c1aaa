package dev.ballast.node.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The active checks of one server: one check at a time, the next scheduled only when the previous one has ended,
 * so checks of a server never overlap. Confined to one event loop; {@link #stop} cancels the pending check and
 * closes a running one's connection.
 */
final class ServerCheckLoop {

    /** Takes a check's result and answers how long to wait before the next check. */
    interface ResultSink {
        long nextDelayNanos(CheckResult result, long tookNanos);
    }

    private final EventLoop loop;
    private final Probe probe;
    private final CheckTarget target;
    private final ResultSink sink;
    private ScheduledFuture<?> pending;
    private ProbeRun running;
    private boolean stopped;

    ServerCheckLoop(EventLoop loop, Probe probe, CheckTarget target, ResultSink sink) {
        this.loop = loop;
        this.probe = probe;
        this.target = target;
        this.sink = sink;
    }

    void start(long firstDelayNanos) {
        loop.execute(() -> scheduleCheck(firstDelayNanos));
    }

    /** Completes once nothing of this loop is left on the event loop: no pending check, no open connection. */
    Future<?> stop() {
        return loop.submit(() -> {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
            if (running != null) {
                running.abort();
            }
        });
    }

    EventLoop eventLoop() {
        return loop;
    }

    private void scheduleCheck(long delayNanos) {
        if (!stopped) {
            pending = loop.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        pending = null;
        long started = System.nanoTime();
        running = probe.start(loop, target, result -> finished(result, System.nanoTime() - started));
    }

    private void finished(CheckResult result, long tookNanos) {
        running = null;
        scheduleCheck(sink.nextDelayNanos(result, tookNanos));
    }
}
