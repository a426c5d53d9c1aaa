package dev.ballast.cluster;

import java.util.Set;

/**
 * Told whenever the set of VIPs this member owns changes (active-passive: all VIPs when primary, none when
 * standby). Called on the cluster's election thread in order; it must return quickly (hand slow work such as
 * running vip-scripts to another thread, as {@code VipController} does).
 */
@FunctionalInterface
public interface RoleListener {

    void vipsChanged(Set<String> owned, String reason);

    /**
     * The VIPs stay, but clients may follow another node's announcement of them (partitions merged while both
     * held them): announce them again (gratuitous ARP). Does nothing unless the listener moves addresses.
     */
    default void reannounce(Set<String> owned, String reason) {
    }
}
