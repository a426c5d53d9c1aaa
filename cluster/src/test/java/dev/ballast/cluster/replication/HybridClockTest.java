package dev.ballast.cluster.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridClockTest {

    private final AtomicLong wall = new AtomicLong(1_000);
    private final HybridClock clock = new HybridClock(wall::get);

    @Test
    void followsTheWallClock() {
        long first = clock.tick();
        wall.set(2_000);
        long second = clock.tick();
        assertThat(HybridClock.millisOf(first)).isEqualTo(1_000);
        assertThat(HybridClock.millisOf(second)).isEqualTo(2_000);
    }

    @Test
    void neverRepeatsWithinAMillisecondNorWhenTheWallClockStepsBack() {
        long first = clock.tick();
        long second = clock.tick();
        wall.set(500);
        long third = clock.tick();
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void aWriteAfterSeeingAnotherMembersWriteIsNewerEvenIfThatMembersClockIsAhead() {
        HybridClock aheadBy5s = new HybridClock(() -> wall.get() + 5_000);
        long remote = aheadBy5s.tick();
        clock.observe(remote);
        assertThat(clock.tick()).isGreaterThan(remote);
    }
}
