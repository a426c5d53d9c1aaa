package dev.ballast.node.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known about one server's health at one moment, for the admin API and the stats page.
 *
 * @param state                      the effective state the data plane sees
 * @param activeState                the active checks' own verdict, empty when active checks are off
 * @param consecutiveCheckPasses     passes counted towards going up (HAProxy's "DOWN 1/2")
 * @param consecutiveCheckFailures   failures counted towards going down (HAProxy's "UP 1/3")
 * @param override                   the operator's override, if one is set
 * @param ejected                    taken out by passive checks (real-traffic failures)
 * @param consecutiveRequestFailures real requests failed in a row, counted towards ejection
 * @param lastCheck                  the last completed active check
 * @param checks                     active checks completed since start
 * @param stateChanges               changes of the effective state since start
 */
public record ServerHealthSnapshot(
        String server,
        HealthState state,
        Optional<HealthState> activeState,
        int consecutiveCheckPasses,
        int consecutiveCheckFailures,
        Optional<AdminOverride> override,
        boolean ejected,
        int consecutiveRequestFailures,
        Optional<LastCheck> lastCheck,
        long checks,
        long stateChanges,
        Optional<String> lastChangeReason,
        Optional<Instant> lastChangeAt) {

    /** One completed active check: its outcome, when it started and how long it took. */
    public record LastCheck(boolean passed, String detail, Instant at, Duration duration) {
    }
}
