package dev.ballast.node.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The schedule of one server's active checks: one check at a time, the next scheduled only when the previous one
 * has ended, so checks of a server never overlap. Confined to one event loop; {@link #stop} cancels the pending
 * check and stops the probe (a running check, a kept connection).
 */
final class ServerCheckLoop {

    /** Takes a check's result and answers how long to wait before the next check. */
    interface ResultSink {
        long nextDelayNanos(CheckResult result, long tookNanos);
    }

    private final EventLoop loop;
    private final ServerProbe probe;
    private final ResultSink sink;
    private final Runnable check = this::check;
    private final Consumer<CheckResult> finished = this::finished;
    private ScheduledFuture<?> pending;
    private long checkStartedNanos;
    private boolean stopped;

    ServerCheckLoop(EventLoop loop, ServerProbe probe, ResultSink sink) {
        this.loop = loop;
        this.probe = probe;
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
            probe.stop();
        });
    }

    EventLoop eventLoop() {
        return loop;
    }

    private void scheduleCheck(long delayNanos) {
        if (!stopped) {
            long aligned = CheckIntervals.alignedDelayNanos(System.nanoTime(), delayNanos);
            pending = loop.schedule(check, aligned, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        pending = null;
        checkStartedNanos = System.nanoTime();
        probe.start(finished);
    }

    private void finished(CheckResult result) {
        scheduleCheck(sink.nextDelayNanos(result, System.nanoTime() - checkStartedNanos));
    }
}
