package dev.ballast.node.cluster;

import java.util.Set;

/** A node's role, derived from the VIPs it owns: the owner of VIPs is the primary (active-active: an active). */
public enum Role {
    PRIMARY, STANDBY;

    static Role of(Set<String> ownedVips) {
        return ownedVips.isEmpty() ? STANDBY : PRIMARY;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
