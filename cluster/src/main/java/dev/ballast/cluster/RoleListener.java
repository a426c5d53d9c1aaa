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
}
