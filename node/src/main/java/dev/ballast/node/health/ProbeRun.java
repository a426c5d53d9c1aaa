package dev.ballast.node.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running check: it completes exactly once (passed, failed or timed out) and then closes its connection, unless
 * the probe keeps that connection for the next check. Its deadline covers the whole check, from the first connect
 * attempt (or the name lookup) to the verdict. Confined to the event loop it runs on.
 */
final class ProbeRun {

    private final EventLoop loop;
    private final long timeoutMillis;
    private final long startedNanos = System.nanoTime();
    private final Consumer<CheckResult> onDone;
    private ScheduledFuture<?> deadline;
    private Runnable closeConnection;
    private boolean done;

    private ProbeRun(EventLoop loop, long timeoutMillis, Consumer<CheckResult> onDone) {
        this.loop = loop;
        this.timeoutMillis = timeoutMillis;
        this.onDone = onDone;
    }

    /** Starts a check's clock on {@code loop}: after {@code timeoutMillis} it completes as timed out. */
    static ProbeRun start(EventLoop loop, long timeoutMillis, Consumer<CheckResult> onDone) {
        ProbeRun run = unarmed(loop, timeoutMillis, onDone);
        run.armDeadline();
        return run;
    }

    /**
     * A check whose timer is not set yet: a check decided before it returns to the event loop (a local server
     * answering a tcp check's connect at once) then costs no timer. The deadline still counts from now.
     */
    static ProbeRun unarmed(EventLoop loop, long timeoutMillis, Consumer<CheckResult> onDone) {
        return new ProbeRun(loop, timeoutMillis, onDone);
    }

    /** Sets the timer of the deadline, before the check waits for anything. Idempotent. */
    void armDeadline() {
        if (deadline == null && !done) {
            long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis) - (System.nanoTime() - startedNanos);
            deadline = loop.schedule(
                    () -> complete(CheckResult.timedOut(timeoutMillis)), Math.max(0, left), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * What closes the connection the check now uses; it runs at once if the check already ended while the
     * connection was being set up.
     */
    void attach(Runnable closeConnection) {
        this.closeConnection = closeConnection;
        if (done) {
            closeConnection.run();
        }
    }

    boolean done() {
        return done;
    }

    /** Ends the check with {@code result} and closes its connection. */
    void complete(CheckResult result) {
        if (finish(true)) {
            onDone.accept(result);
        }
    }

    /** Ends the check with {@code result}, leaving its connection open for the next check. */
    void completeKeepingConnection(CheckResult result) {
        if (finish(false)) {
            onDone.accept(result);
        }
    }

    /** Ends the check without a result (the checker is closing) and closes its connection. */
    void abort() {
        finish(true);
    }

    private boolean finish(boolean close) {
        if (done) {
            return false;
        }
        done = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (close && closeConnection != null) {
            closeConnection.run();
        }
        return true;
    }
}
