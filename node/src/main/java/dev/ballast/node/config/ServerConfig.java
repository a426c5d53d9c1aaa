package dev.ballast.node.config;

import java.time.Duration;
import java.util.Optional;

/**
 * @param name      stable name, unique in its backend; tables are built from names, never addresses
 * @param weight    relative share of traffic (0 = no new sessions)
 * @param backup    used only when no non-backup server is usable
 * @param maxconn   concurrent requests; beyond it requests queue (0 = unlimited)
 * @param slowstart after coming up, weight ramps from 0 to full over this time (0 = at once)
 * @param state     initial admin state
 * @param checkPort health-check this port instead of the server's
 */
public record ServerConfig(
        String name,
        HostPort address,
        int weight,
        boolean backup,
        int maxconn,
        Duration slowstart,
        AdminState state,
        Optional<Integer> checkPort) {

    /** ready takes traffic; drain keeps only sticky clients and in-flight requests; maint takes nothing. */
    public enum AdminState { READY, DRAIN, MAINT }
}
