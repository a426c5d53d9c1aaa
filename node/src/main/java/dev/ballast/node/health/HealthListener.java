package dev.ballast.node.health;

import dev.ballast.node.balance.Server;

/**
 * Hears every change of a server's effective {@link HealthState}, in the order the changes happened.
 *
 * <p>Called while the checker holds its backend's lock, so that two changes of one backend are never delivered
 * out of order: implementations must be quick and must not call back into the {@link HealthChecker}.
 */
@FunctionalInterface
public interface HealthListener {

    /**
     * @param reason one human sentence, e.g. "3 consecutive HTTP checks returned 503" or "forced down by operator"
     */
    void healthChanged(Server server, HealthState from, HealthState to, String reason);
}
