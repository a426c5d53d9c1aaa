package dev.ballast.node.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

import java.util.function.Consumer;

/**
 * The schedule of one server's active checks: one check at a time, the next scheduled only when the previous one
 * has ended, so checks of a server never overlap. Confined to the event loop of its timer; {@link #stop} drops the
 * pending check and stops the probe (a running check, a kept connection).
 */
final class ServerCheckLoop {

    /** Takes a check's result and answers how long to wait before the next check. */
    interface ResultSink {
        long nextDelayNanos(CheckResult result, long tookNanos);
    }

    private final CheckTimer timer;
    private final EventLoop loop;
    private final ServerProbe probe;
    private final ResultSink sink;
    private final Runnable check = this::check;
    private final Consumer<CheckResult> finished = this::finished;
    private long checkStartedNanos;
    private boolean stopped;

    ServerCheckLoop(CheckTimer timer, ServerProbe probe, ResultSink sink) {
        this.timer = timer;
        this.loop = timer.loop();
        this.probe = probe;
        this.sink = sink;
    }

    void start(long firstDelayNanos) {
        loop.execute(() -> scheduleCheck(firstDelayNanos));
    }

    /** Completes once nothing of this loop is left on the event loop: no pending check, no open connection. */
    Future<?> stop() {
        return loop.submit(() -> {
            stopped = true; // the pending check's timer finds it stopped
            probe.stop();
        });
    }

    EventLoop eventLoop() {
        return loop;
    }

    private void scheduleCheck(long delayNanos) {
        if (!stopped) {
            timer.at(System.nanoTime() + delayNanos, check);
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        checkStartedNanos = System.nanoTime();
        probe.start(finished);
    }

    private void finished(CheckResult result) {
        scheduleCheck(sink.nextDelayNanos(result, System.nanoTime() - checkStartedNanos));
    }
}
