package dev.ballast.node.health;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running check: it completes exactly once (passed, failed or timed out) and then closes its connection, unless
 * the probe keeps that connection for the next check. Its deadline covers the whole check, from the first connect
 * attempt (or the name lookup) to the verdict. Confined to the event loop of its timer.
 */
final class ProbeRun {

    private final CheckTimer timer;
    private final long timeoutMillis;
    private final long startedNanos;
    private final Consumer<CheckResult> onDone;
    private boolean deadlineArmed;
    private Runnable closeConnection;
    private boolean done;

    private ProbeRun(CheckTimer timer, long timeoutMillis, long startedNanos, Consumer<CheckResult> onDone) {
        this.timer = timer;
        this.timeoutMillis = timeoutMillis;
        this.startedNanos = startedNanos;
        this.onDone = onDone;
    }

    /** Starts a check's clock on {@code timer}: after {@code timeoutMillis} it completes as timed out. */
    static ProbeRun start(CheckTimer timer, long timeoutMillis, Consumer<CheckResult> onDone) {
        ProbeRun run = unarmed(timer, timeoutMillis, System.nanoTime(), onDone);
        run.armDeadline();
        return run;
    }

    /**
     * A check that started at {@code startedNanos} (System.nanoTime()) and whose timer is not set yet: a check
     * decided before it returns to the event loop then costs no timer. The deadline counts from the start.
     */
    static ProbeRun unarmed(CheckTimer timer, long timeoutMillis, long startedNanos, Consumer<CheckResult> onDone) {
        return new ProbeRun(timer, timeoutMillis, startedNanos, onDone);
    }

    /**
     * Sets the timer of the deadline, before the check waits for anything. Idempotent. The timer is never
     * cancelled: when it runs after the check ended, it finds nothing to do.
     */
    void armDeadline() {
        if (!deadlineArmed && !done) {
            deadlineArmed = true;
            timer.at(startedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                    () -> complete(CheckResult.timedOut(timeoutMillis)));
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
        if (close && closeConnection != null) {
            closeConnection.run();
        }
        return true;
    }
}
