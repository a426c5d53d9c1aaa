package dev.ballast.cluster;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

/**
 * Told whenever the set of VIPs this member owns changes (active-passive: all VIPs when primary, none when
 * standby). Called on the cluster's election thread in order; it must return quickly (hand slow work such as
 * running vip-scripts to another thread, as {@code VipController} does).
 */
@FunctionalInterface
public interface RoleListener {

    /**
     * @param owned        the VIPs this member owns from now on
     * @param formerOwners for each VIP taken over from a member that still holds it and hands it over (promote,
     *                     graceful stop, preempt, rebalance): that member's cluster address, which it keeps a moment
     *                     longer; empty after a failover (the former owner crashed or is cut off) and on a release
     * @param reason       the election's trigger and outcome, for the log
     */
    void vipsChanged(Set<String> owned, Map<String, InetAddress> formerOwners, String reason);

    /**
     * The VIPs stay, but clients may follow another node's announcement of them (partitions merged while both
     * held them): announce them again (gratuitous ARP). Does nothing unless the listener moves addresses.
     */
    default void reannounce(Set<String> owned, String reason) {
    }
}
