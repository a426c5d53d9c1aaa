package dev.ballast.node.health;

import dev.ballast.node.balance.Server;
import dev.ballast.node.health.ServerHealthSnapshot.LastCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One server's health: the active-check verdict, passive ejection and the operator's override, combined into one
 * effective state. Precedence: override, then ejection, then active checks (a server without active checks is up).
 * Every method that may change the effective state returns the change. Not thread-safe: {@link BackendHealth}'s
 * caller serializes access, except {@link #hasRequestFailures()}, which may be read without a lock.
 */
final class ServerHealth {

    private final Server server;
    /** Null when the backend has no active checks. */
    private final RiseFall active;
    private AdminOverride override;
    private boolean ejected;
    /** When a passive ejection ends; used only without active checks (with them, checks end it). */
    private long ejectedUntilNanos;
    private final FailureStreak requestFailures = new FailureStreak();
    /** Mirrors requestFailures.count() for the lock-free fast path of successful requests. */
    private volatile boolean hasRequestFailures;
    /** The last check, kept as fields (a thousand checks a second allocate nothing); null before the first. */
    private CheckResult lastCheckResult;
    private long lastCheckStartedAtMillis;
    private long lastCheckTookNanos;
    private long checks;
    private long stateChanges;
    private String lastChangeReason;
    private Instant lastChangeAt;

    ServerHealth(Server server, RiseFall active, AdminOverride initialOverride) {
        this.server = server;
        this.active = active;
        this.override = initialOverride;
    }

    Server server() {
        return server;
    }

    HealthState state() {
        if (override != null) {
            return override.state();
        }
        if (ejected) {
            return HealthState.DOWN;
        }
        return active == null ? HealthState.UP : active.state();
    }

    RiseFall active() {
        return active;
    }

    boolean ejected() {
        return ejected;
    }

    boolean hasRequestFailures() {
        return hasRequestFailures;
    }

    Optional<HealthChange> recordCheck(CheckResult result, long startedAtMillis, long tookNanos) {
        HealthState before = state();
        checks++;
        lastCheckResult = result;
        lastCheckStartedAtMillis = startedAtMillis;
        lastCheckTookNanos = tookNanos;
        Optional<String> reason = active.record(result);
        if (active.state() == HealthState.UP) {
            ejected = false;
        }
        return reason.isEmpty() ? Optional.empty()
                : changeFrom(before, reason.get(), Instant.ofEpochMilli(startedAtMillis));
    }

    void requestSucceeded() {
        requestFailures.reset();
        hasRequestFailures = false;
    }

    /** Counts a failed request; returns the length of the failure streak. */
    int requestFailed(FailureKind kind) {
        requestFailures.add(kind.description());
        hasRequestFailures = true;
        return requestFailures.count();
    }

    String requestFailureSummary() {
        String why = requestFailures.uniform() ? requestFailures.lastDetail() : "last: " + requestFailures.lastDetail();
        return requestFailures.count() + " consecutive request failures (" + why + ")";
    }

    /** Takes the server out on real-traffic failures; with active checks it stays out until they bring it back. */
    Optional<HealthChange> eject(long untilNanos, Instant now) {
        HealthState before = state();
        String reason = requestFailureSummary();
        ejected = true;
        ejectedUntilNanos = untilNanos;
        if (active != null) {
            active.markDown();
        }
        requestSucceeded();
        return changeFrom(before, reason, now);
    }

    /** True when a passive ejection without active checks is due to end at {@code nanos}. */
    boolean ejectionEndsBy(long nanos) {
        return ejected && active == null && nanos - ejectedUntilNanos >= 0;
    }

    long ejectedUntilNanos() {
        return ejectedUntilNanos;
    }

    Optional<HealthChange> endEjection(Duration failTimeout, Instant now) {
        HealthState before = state();
        ejected = false;
        return changeFrom(before, "ejected for " + failTimeout.toMillis() + " ms, now tried again", now);
    }

    Optional<HealthChange> override(AdminOverride newOverride, Instant now) {
        HealthState before = state();
        override = newOverride;
        return changeFrom(before, newOverride.reason(), now);
    }

    Optional<HealthChange> clearOverride(Instant now) {
        HealthState before = state();
        override = null;
        return changeFrom(before, "operator override cleared", now);
    }

    ServerHealthSnapshot snapshot() {
        return new ServerHealthSnapshot(
                server.name(),
                state(),
                Optional.ofNullable(active).map(RiseFall::state),
                active == null ? 0 : active.consecutivePasses(),
                active == null ? 0 : active.consecutiveFailures(),
                Optional.ofNullable(override),
                ejected,
                requestFailures.count(),
                Optional.ofNullable(lastCheckResult).map(last -> new LastCheck(last.passed(), last.detail(),
                        Instant.ofEpochMilli(lastCheckStartedAtMillis), Duration.ofNanos(lastCheckTookNanos))),
                checks,
                stateChanges,
                Optional.ofNullable(lastChangeReason),
                Optional.ofNullable(lastChangeAt));
    }

    private Optional<HealthChange> changeFrom(HealthState before, String reason, Instant now) {
        HealthState after = state();
        if (after == before) {
            return Optional.empty();
        }
        stateChanges++;
        lastChangeReason = reason;
        lastChangeAt = now;
        return Optional.of(new HealthChange(server, before, after, reason));
    }
}
