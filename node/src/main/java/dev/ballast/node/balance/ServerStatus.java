package dev.ballast.node.balance;

import dev.ballast.node.config.ServerConfig.AdminState;

/**
 * A snapshot of one server's state, for the admin API and logs.
 *
 * @param configuredWeight the weight set by configuration or admin action
 * @param effectiveWeight  the weight balancing uses now (lower during slow start)
 * @param slowStarting     whether the effective weight is still ramping up
 */
public record ServerStatus(
        String name,
        boolean backup,
        boolean healthy,
        AdminState admin,
        int configuredWeight,
        int effectiveWeight,
        int inFlight,
        boolean slowStarting) {

    /** Healthy and ready: may take new sessions (if weighted above 0). */
    public boolean usable() {
        return healthy && admin == AdminState.READY;
    }
}
