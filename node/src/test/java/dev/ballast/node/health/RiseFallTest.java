package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig.InitialState;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiseFallTest {

    private static final CheckResult OK = CheckResult.passed("HTTP 200");
    private static final CheckResult HTTP_503 = CheckResult.unexpectedStatus(503);
    private static final CheckResult REFUSED = CheckResult.failed("connect refused");

    @Test
    void unknownTakesItsFirstVerdictFromTheFirstCheck() {
        RiseFall passing = new RiseFall(2, 3, InitialState.UNKNOWN);
        assertThat(passing.state()).isEqualTo(HealthState.UNKNOWN);
        assertThat(passing.record(OK)).contains("first check succeeded (HTTP 200)");
        assertThat(passing.state()).isEqualTo(HealthState.UP);

        RiseFall failing = new RiseFall(2, 3, InitialState.UNKNOWN);
        assertThat(failing.record(REFUSED)).contains("first check failed: connect refused");
        assertThat(failing.state()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void upNeedsFallConsecutiveFailuresAndAPassResetsTheCount() {
        RiseFall rf = new RiseFall(2, 3, InitialState.UP);
        assertThat(rf.record(HTTP_503)).isEmpty();
        assertThat(rf.record(HTTP_503)).isEmpty();
        assertThat(rf.transitioning()).isTrue();
        assertThat(rf.consecutiveFailures()).isEqualTo(2);
        assertThat(rf.record(OK)).isEmpty();
        assertThat(rf.transitioning()).isFalse();
        assertThat(rf.record(HTTP_503)).isEmpty();
        assertThat(rf.record(HTTP_503)).isEmpty();
        assertThat(rf.state()).isEqualTo(HealthState.UP);
        assertThat(rf.record(HTTP_503)).contains("3 consecutive HTTP checks returned 503");
        assertThat(rf.state()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void downNeedsRiseConsecutivePassesAndAFailureResetsTheCount() {
        RiseFall rf = new RiseFall(2, 3, InitialState.DOWN);
        assertThat(rf.record(OK)).isEmpty();
        assertThat(rf.transitioning()).isTrue();
        assertThat(rf.consecutivePasses()).isEqualTo(1);
        assertThat(rf.record(REFUSED)).isEmpty();
        assertThat(rf.consecutivePasses()).isZero();
        assertThat(rf.record(OK)).isEmpty();
        assertThat(rf.record(OK)).contains("2 consecutive checks succeeded");
        assertThat(rf.state()).isEqualTo(HealthState.UP);
        assertThat(rf.transitioning()).isFalse();
    }

    @Test
    void reasonsSayHowTheStreakFailed() {
        assertThat(downAfter(new RiseFall(2, 3, InitialState.UP), REFUSED, REFUSED, REFUSED))
                .contains("3 consecutive checks failed: connect refused");
        assertThat(downAfter(new RiseFall(2, 3, InitialState.UP), HTTP_503, CheckResult.timedOut(1000), REFUSED))
                .contains("3 consecutive checks failed, last: connect refused");
        assertThat(downAfter(new RiseFall(2, 1, InitialState.UP), CheckResult.timedOut(1000)))
                .contains("timeout after 1000 ms");
        assertThat(downAfter(new RiseFall(2, 2, InitialState.UP),
                CheckResult.unexpectedStatus(500), CheckResult.unexpectedStatus(503)))
                .contains("2 consecutive checks failed, last: HTTP check returned 503");
    }

    @Test
    void riseOfOneSaysWhichCheckSucceeded() {
        RiseFall rf = new RiseFall(1, 3, InitialState.DOWN);
        assertThat(rf.record(OK)).contains("check succeeded (HTTP 200)");
    }

    @Test
    void markDownNeedsRisePassesToReturn() {
        RiseFall rf = new RiseFall(2, 3, InitialState.UP);
        rf.record(HTTP_503);
        rf.markDown();
        assertThat(rf.state()).isEqualTo(HealthState.DOWN);
        assertThat(rf.consecutiveFailures()).isZero();
        assertThat(rf.record(OK)).isEmpty();
        assertThat(rf.record(OK)).isPresent();
        assertThat(rf.state()).isEqualTo(HealthState.UP);
    }

    @Test
    void thresholdsBelowOneAreRefused() {
        assertThatThrownBy(() -> new RiseFall(0, 3, InitialState.UP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rise 0");
    }

    private static Optional<String> downAfter(RiseFall rf, CheckResult... results) {
        Optional<String> last = Optional.empty();
        for (CheckResult result : results) {
            last = rf.record(result);
        }
        assertThat(rf.state()).isEqualTo(HealthState.DOWN);
        return last;
    }
}
