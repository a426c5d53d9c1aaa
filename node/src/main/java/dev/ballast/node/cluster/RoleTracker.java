package dev.ballast.node.cluster;

import dev.ballast.cluster.RoleListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Logs every role change of this node (old role, new role, reason) for the operator, remembers the last one for
 * the status view, and passes the VIPs on to whoever moves them.
 */
final class RoleTracker implements RoleListener {

    private static final Logger LOG = LogManager.getLogger(RoleTracker.class);

    private final String node;
    private final RoleListener vips;
    private final Clock clock;
    private volatile Set<String> owned = Set.of();
    private volatile Optional<RoleChange> lastChange = Optional.empty();

    RoleTracker(String node, RoleListener vips, Clock clock) {
        this.node = node;
        this.vips = vips;
        this.clock = clock;
    }

    /** Called on the election thread, in order. */
    @Override
    public void vipsChanged(Set<String> newlyOwned, Map<String, InetAddress> formerOwners, String reason) {
        Role from = Role.of(owned);
        Role to = Role.of(newlyOwned);
        RoleChange change = new RoleChange(clock.instant(), from, to, newlyOwned, reason);
        if (from != to) {
            LOG.warn("Node {} role {} -> {} (VIPs {}) because {}", node, from, to, new TreeSet<>(newlyOwned), reason);
        } else {
            LOG.warn("Node {} stays {}; VIPs {} -> {} because {}", node, to, new TreeSet<>(owned),
                    new TreeSet<>(newlyOwned), reason);
        }
        owned = Set.copyOf(newlyOwned);
        lastChange = Optional.of(change);
        vips.vipsChanged(newlyOwned, formerOwners, reason);
    }

    @Override
    public void reannounce(Set<String> stillOwned, String reason) {
        vips.reannounce(stillOwned, reason);
    }

    Optional<RoleChange> lastChange() {
        return lastChange;
    }
}
