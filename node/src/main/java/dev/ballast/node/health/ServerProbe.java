package dev.ballast.node.health;

import java.util.function.Consumer;

/**
 * The active checks of one server, as a {@link Probe} runs them: one at a time, on one event loop, keeping whatever
 * the probe reuses from one check to the next (a connection, the encoded request).
 */
interface ServerProbe {

    /** Starts a check; {@code onDone} runs on the event loop once, unless {@link #stop} comes first. */
    void start(Consumer<CheckResult> onDone);

    /** Ends a running check without a result and closes every connection; no check starts after it. */
    void stop();
}
