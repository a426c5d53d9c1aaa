package dev.ballast.node.health;

import io.netty.channel.Channel;
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

    private final Consumer<CheckResult> onDone;
    private ScheduledFuture<?> deadline;
    private Channel channel;
    private boolean done;

    private ProbeRun(Consumer<CheckResult> onDone) {
        this.onDone = onDone;
    }

    /** Starts a check's clock on {@code loop}: after {@code timeoutMillis} it completes as timed out. */
    static ProbeRun start(EventLoop loop, long timeoutMillis, Consumer<CheckResult> onDone) {
        ProbeRun run = new ProbeRun(onDone);
        run.deadline = loop.schedule(
                () -> run.complete(CheckResult.timedOut(timeoutMillis)), timeoutMillis, TimeUnit.MILLISECONDS);
        return run;
    }

    /** The connection the check now uses; closed at once if the check already ended while it was being set up. */
    void attach(Channel channel) {
        this.channel = channel;
        if (done) {
            channel.close();
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

    private boolean finish(boolean closeConnection) {
        if (done) {
            return false;
        }
        done = true;
        deadline.cancel(false);
        if (closeConnection && channel != null) {
            channel.close();
        }
        return true;
    }
}
