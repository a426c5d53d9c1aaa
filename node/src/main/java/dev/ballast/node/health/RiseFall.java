package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig.InitialState;

import java.util.Optional;

/**
 * The active-check verdict of one server, with HAProxy's rise/fall semantics: from up it takes {@code fall}
 * consecutive failed checks to go down, from down {@code rise} consecutive passed checks to go up; a check that
 * disagrees with the current state resets the count towards the other. A server in {@link HealthState#UNKNOWN}
 * takes its first verdict from its first check. Not thread-safe.
 */
final class RiseFall {

    private final int rise;
    private final int fall;
    private HealthState state;
    /** Consecutive passes while down: "going up n/rise". */
    private int passes;
    private final FailureStreak failures = new FailureStreak();

    RiseFall(int rise, int fall, InitialState initial) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("health-check rise and fall must be at least 1, got rise " + rise
                    + " and fall " + fall);
        }
        this.rise = rise;
        this.fall = fall;
        this.state = switch (initial) {
            case UNKNOWN -> HealthState.UNKNOWN;
            case UP -> HealthState.UP;
            case DOWN -> HealthState.DOWN;
        };
    }

    /** Feeds one check result; returns the reason when it changed the verdict. */
    Optional<String> record(CheckResult result) {
        if (result.passed()) {
            failures.reset();
            return switch (state) {
                case UNKNOWN -> changeTo(HealthState.UP, "first check succeeded (" + result.detail() + ")");
                case DOWN -> ++passes >= rise ? changeTo(HealthState.UP, passReason(result)) : Optional.empty();
                default -> Optional.empty();
            };
        }
        passes = 0;
        failures.add(result.detail());
        return switch (state) {
            case UNKNOWN -> changeTo(HealthState.DOWN, "first check failed: " + result.detail());
            case UP -> failures.count() >= fall ? changeTo(HealthState.DOWN, failReason(result)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Puts the server down regardless of checks (passive ejection): it must pass {@code rise} checks to return. */
    void markDown() {
        state = HealthState.DOWN;
        passes = 0;
        failures.reset();
    }

    HealthState state() {
        return state;
    }

    int consecutivePasses() {
        return passes;
    }

    int consecutiveFailures() {
        return failures.count();
    }

    /** Unknown, or counting towards the other state: checks should come faster (HAProxy's fastinter). */
    boolean transitioning() {
        return state == HealthState.UNKNOWN
                || (state == HealthState.UP && failures.count() > 0)
                || (state == HealthState.DOWN && passes > 0);
    }

    private Optional<String> changeTo(HealthState next, String reason) {
        state = next;
        passes = 0;
        return Optional.of(reason);
    }

    private String passReason(CheckResult last) {
        return rise == 1 ? "check succeeded (" + last.detail() + ")" : rise + " consecutive checks succeeded";
    }

    private String failReason(CheckResult last) {
        if (fall == 1) {
            return last.detail();
        }
        if (failures.uniform() && last.unexpectedStatus() != 0) {
            return fall + " consecutive HTTP checks returned " + last.unexpectedStatus();
        }
        return failures.uniform()
                ? fall + " consecutive checks failed: " + last.detail()
                : fall + " consecutive checks failed, last: " + last.detail();
    }
}
