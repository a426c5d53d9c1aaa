package dev.ballast.node.cluster;

import java.time.Instant;
import java.util.Set;

/**
 * A change of this node's VIPs, as the election decided it.
 *
 * @param at     when the election decided it
 * @param from   role before
 * @param to     role after
 * @param vips   the VIPs owned after the change
 * @param reason the election's reason (the trigger and the rule that decided)
 */
public record RoleChange(Instant at, Role from, Role to, Set<String> vips, String reason) {

    public RoleChange {
        vips = Set.copyOf(vips);
    }
}
