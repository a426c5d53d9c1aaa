package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig;
import dev.ballast.node.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendHealthTest {

    private static final long TOOK = Duration.ofMillis(3).toNanos();
    private final ManualClock clock = new ManualClock();

    @Test
    void consecutiveRequestFailuresEjectAServerUntilFailTimeoutPasses() {
        BackendFixture fixture = passiveOnly(3);
        fixture.failTimeout = Duration.ofSeconds(10);
        BackendHealth health = health(fixture.servers(2));

        assertThat(health.requestFailed("s0", FailureKind.CONNECT_REFUSED)).isEmpty();
        assertThat(health.requestFailed("s0", FailureKind.CONNECT_REFUSED)).isEmpty();
        Optional<HealthChange> ejected = health.requestFailed("s0", FailureKind.CONNECT_REFUSED);

        assertThat(ejected).hasValueSatisfying(change -> {
            assertThat(change.from()).isEqualTo(HealthState.UP);
            assertThat(change.to()).isEqualTo(HealthState.DOWN);
            assertThat(change.reason()).isEqualTo("3 consecutive request failures (connect refused)");
        });
        assertThat(health.nextEjectionEnd()).hasValue(clock.nanoTime() + Duration.ofSeconds(10).toNanos());

        clock.advance(Duration.ofMillis(9_999));
        assertThat(health.expireEjections()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(health.expireEjections()).singleElement().satisfies(change -> {
            assertThat(change.to()).isEqualTo(HealthState.UP);
            assertThat(change.reason()).isEqualTo("ejected for 10000 ms, now tried again");
        });
        assertThat(health.nextEjectionEnd()).isEmpty();
        assertThat(health.server("s0").snapshot().consecutiveRequestFailures()).isZero();
    }

    @Test
    void aSuccessBreaksTheFailureStreak() {
        BackendHealth health = health(passiveOnly(2).servers(1));
        health.requestFailed("s0", FailureKind.TIMEOUT);
        assertThat(health.server("s0").hasRequestFailures()).isTrue();
        health.requestSucceeded("s0");
        assertThat(health.server("s0").hasRequestFailures()).isFalse();
        assertThat(health.requestFailed("s0", FailureKind.TIMEOUT)).isEmpty();
        assertThat(health.requestFailed("s0", FailureKind.RESET)).hasValueSatisfying(change ->
                assertThat(change.reason()).isEqualTo("2 consecutive request failures (last: connection reset)"));
    }

    @Test
    void fiveHundredsCountOnlyWhenConfigured() {
        BackendFixture ignoring = passiveOnly(1);
        BackendHealth lenient = health(ignoring.servers(1));
        assertThat(lenient.requestFailed("s0", FailureKind.SERVER_ERROR_5XX)).isEmpty();
        assertThat(lenient.server("s0").state()).isEqualTo(HealthState.UP);

        BackendFixture counting = passiveOnly(1);
        counting.on5xx = true;
        BackendHealth strict = health(counting.servers(1));
        assertThat(strict.requestFailed("s0", FailureKind.SERVER_ERROR_5XX)).hasValueSatisfying(change ->
                assertThat(change.reason()).isEqualTo("1 consecutive request failures (5xx response)"));
    }

    @Test
    void passiveChecksAreOffWithMaxFailsZero() {
        BackendHealth health = health(passiveOnly(0).servers(1));
        for (int i = 0; i < 100; i++) {
            assertThat(health.requestFailed("s0", FailureKind.CONNECT_FAILED)).isEmpty();
        }
        assertThat(health.server("s0").state()).isEqualTo(HealthState.UP);
    }

    @Test
    void ejectionCapIsAPercentageOfTheBackendButAtLeastOne() {
        assertThat(BackendHealth.maxEjected(3, 10)).isEqualTo(1);
        assertThat(BackendHealth.maxEjected(10, 10)).isEqualTo(1);
        assertThat(BackendHealth.maxEjected(20, 10)).isEqualTo(2);
        assertThat(BackendHealth.maxEjected(5, 50)).isEqualTo(2);
        assertThat(BackendHealth.maxEjected(4, 0)).isEqualTo(1);
    }

    @Test
    void neverEjectsMoreThanTheCapAndEjectsTheNextOnceASlotFrees() {
        BackendFixture fixture = passiveOnly(2);
        fixture.maxEjectionPercent = 10;
        BackendHealth health = health(fixture.servers(10));

        failTimes(health, "s0", 2);
        assertThat(health.server("s0").ejected()).isTrue();
        failTimes(health, "s1", 5);
        assertThat(health.server("s1").ejected()).isFalse();
        assertThat(health.server("s1").state()).isEqualTo(HealthState.UP);

        clock.advance(fixture.failTimeout);
        assertThat(health.expireEjections()).hasSize(1);
        assertThat(health.requestFailed("s1", FailureKind.TIMEOUT)).hasValueSatisfying(change ->
                assertThat(change.reason()).isEqualTo("6 consecutive request failures (last: timeout)"));
    }

    @Test
    void withActiveChecksAnEjectionLastsUntilChecksBringTheServerBack() {
        BackendFixture fixture = passiveOnly(2);
        fixture.type = HealthCheckConfig.Type.HTTP;
        fixture.initialState = HealthCheckConfig.InitialState.UP;
        BackendHealth health = health(fixture.servers(2));

        failTimes(health, "s0", 2);
        assertThat(health.server("s0").state()).isEqualTo(HealthState.DOWN);
        assertThat(health.nextEjectionEnd()).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(health.expireEjections()).isEmpty();

        assertThat(health.checkCompleted("s0", CheckResult.passed("HTTP 200"), TOOK)).isEmpty();
        assertThat(health.checkCompleted("s0", CheckResult.passed("HTTP 200"), TOOK)).hasValueSatisfying(change -> {
            assertThat(change.to()).isEqualTo(HealthState.UP);
            assertThat(change.reason()).isEqualTo("2 consecutive checks succeeded");
        });
        assertThat(health.server("s0").ejected()).isFalse();
    }

    @Test
    void aServerThatIsNotUsableIsNotEjected() {
        BackendFixture fixture = passiveOnly(1);
        fixture.type = HealthCheckConfig.Type.TCP;
        BackendHealth health = health(fixture.servers(1));
        assertThat(health.server("s0").state()).isEqualTo(HealthState.UNKNOWN);
        assertThat(health.requestFailed("s0", FailureKind.CONNECT_REFUSED)).isEmpty();
        assertThat(health.server("s0").ejected()).isFalse();
    }

    @Test
    void overrideWinsOverChecksUntilCleared() {
        BackendFixture fixture = new BackendFixture();
        fixture.initialState = HealthCheckConfig.InitialState.UP;
        fixture.fall = 1;
        BackendHealth health = health(fixture.servers(1));

        assertThat(health.override("s0", AdminOverride.FORCE_DOWN)).hasValueSatisfying(change -> {
            assertThat(change.to()).isEqualTo(HealthState.DOWN);
            assertThat(change.reason()).isEqualTo("forced down by operator");
        });
        assertThat(health.checkCompleted("s0", CheckResult.passed("HTTP 200"), TOOK)).isEmpty();
        assertThat(health.checkCompleted("s0", CheckResult.unexpectedStatus(500), TOOK)).isEmpty();
        assertThat(health.server("s0").state()).isEqualTo(HealthState.DOWN);

        assertThat(health.override("s0", AdminOverride.FORCE_UP)).hasValueSatisfying(change ->
                assertThat(change.reason()).isEqualTo("forced up by operator"));
        assertThat(health.override("s0", AdminOverride.MAINT)).hasValueSatisfying(change ->
                assertThat(change.to()).isEqualTo(HealthState.MAINT));

        assertThat(health.clearOverride("s0")).hasValueSatisfying(change -> {
            assertThat(change.from()).isEqualTo(HealthState.MAINT);
            assertThat(change.to()).isEqualTo(HealthState.DOWN); // the last check failed while overridden
            assertThat(change.reason()).isEqualTo("operator override cleared");
        });
        assertThat(health.server("s0").snapshot().stateChanges()).isEqualTo(4);
    }

    @Test
    void forceUpWinsOverAPassiveEjection() {
        BackendHealth health = health(passiveOnly(1).servers(1));
        health.requestFailed("s0", FailureKind.CONNECT_REFUSED);
        assertThat(health.override("s0", AdminOverride.FORCE_UP)).hasValueSatisfying(change ->
                assertThat(change.to()).isEqualTo(HealthState.UP));
        clock.advance(Duration.ofMinutes(1));
        assertThat(health.expireEjections()).isEmpty(); // the ejection ends, but the effective state stays up
        assertThat(health.server("s0").ejected()).isFalse();
    }

    @Test
    void aServerConfiguredInMaintenanceStartsInMaintenance() {
        BackendFixture fixture = new BackendFixture()
                .server("s0", 1, ServerConfig.AdminState.MAINT, Optional.empty());
        BackendHealth health = health(fixture);
        assertThat(health.server("s0").state()).isEqualTo(HealthState.MAINT);
        assertThat(health.snapshot()).singleElement().satisfies(s ->
                assertThat(s.override()).contains(AdminOverride.MAINT));
    }

    @Test
    void snapshotKeepsTheLastCheck() {
        BackendHealth health = health(new BackendFixture().servers(1));
        health.checkCompleted("s0", CheckResult.timedOut(1000), Duration.ofMillis(1000).toNanos());
        ServerHealthSnapshot snapshot = health.snapshot().get(0);
        assertThat(snapshot.state()).isEqualTo(HealthState.DOWN);
        assertThat(snapshot.activeState()).contains(HealthState.DOWN);
        assertThat(snapshot.checks()).isEqualTo(1);
        assertThat(snapshot.lastChangeReason()).contains("first check failed: timeout after 1000 ms");
        assertThat(snapshot.lastCheck()).hasValueSatisfying(last -> {
            assertThat(last.passed()).isFalse();
            assertThat(last.detail()).isEqualTo("timeout after 1000 ms");
            assertThat(last.duration()).isEqualTo(Duration.ofMillis(1000));
            assertThat(last.at()).isEqualTo(clock.wallTime().minusMillis(1000));
        });
    }

    @Test
    void unknownServersAreRefusedByName() {
        BackendHealth health = health(new BackendFixture().servers(1));
        assertThatThrownBy(() -> health.override("nope", AdminOverride.MAINT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend 'web' has no server 'nope'");
    }

    private BackendFixture passiveOnly(int maxFails) {
        BackendFixture fixture = new BackendFixture();
        fixture.type = HealthCheckConfig.Type.NONE;
        fixture.maxFails = maxFails;
        return fixture;
    }

    private BackendHealth health(BackendFixture fixture) {
        var config = fixture.config();
        return new BackendHealth(config, BackendFixture.dataPlaneServers(config), clock);
    }

    private static void failTimes(BackendHealth health, String server, int times) {
        for (int i = 0; i < times; i++) {
            health.requestFailed(server, FailureKind.CONNECT_REFUSED);
        }
    }
}
