package dev.ballast.node.health;

import dev.ballast.node.balance.Server;

/**
 * Where the proxy reports the outcome of real requests, for passive outlier ejection (nginx max_fails /
 * fail_timeout). Called from the data plane's event loops: both methods are thread-safe and cheap, and
 * {@link #recordSuccess} takes no lock while a server has no recent failures.
 */
public interface PassiveHealth {

    /** A request to the server completed (any response that is not a counted failure). */
    void recordSuccess(Server server);

    void recordFailure(Server server, FailureKind kind);
}
