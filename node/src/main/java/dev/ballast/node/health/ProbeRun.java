package dev.ballast.node.health;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.function.Consumer;

/**
 * One running check: it completes exactly once (passed, failed or timed out) and then closes its connection.
 * Confined to the event loop it runs on.
 */
final class ProbeRun {

    private final Consumer<CheckResult> onDone;
    private Channel channel;
    private ScheduledFuture<?> deadline;
    private boolean done;

    ProbeRun(Consumer<CheckResult> onDone) {
        this.onDone = onDone;
    }

    /** Set first, before connecting, so that the deadline covers the whole check. */
    void deadline(ScheduledFuture<?> deadline) {
        this.deadline = deadline;
    }

    /** The check's connection; closed at once if the check already ended while it was being set up. */
    void attach(Channel channel) {
        this.channel = channel;
        if (done) {
            channel.close();
        }
    }

    boolean done() {
        return done;
    }

    void complete(CheckResult result) {
        if (finish()) {
            onDone.accept(result);
        }
    }

    /** Ends the check without a result (the checker is closing). */
    void abort() {
        finish();
    }

    private boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        deadline.cancel(false);
        if (channel != null) {
            channel.close();
        }
        return true;
    }
}
