package dev.ballast.node.health;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotWheelTest {

    private final List<String> ran = new ArrayList<>();
    private final SlotWheel wheel = new SlotWheel(8);

    @Test
    void tasksRunInSlotOrderOnceTheirSlotIsDue() {
        wheel.add(12, 10, record("c"));
        wheel.add(11, 10, record("a"));
        wheel.add(11, 10, record("b"));
        assertThat(wheel.firstSlot()).isEqualTo(11);

        wheel.runDue(10);
        assertThat(ran).isEmpty();
        wheel.runDue(11);
        assertThat(ran).containsExactly("a", "b");
        assertThat(wheel.firstSlot()).isEqualTo(12);
        wheel.runDue(20); // a late run catches up
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(wheel.firstSlot()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aTaskForAPastSlotRunsInTheFirstSlotNotRunYet() {
        wheel.add(5, 5, record("first"));
        wheel.runDue(5);
        wheel.add(6, 5, record("keeps the wheel at 6"));
        wheel.add(3, 5, record("late"));
        assertThat(wheel.firstSlot()).isEqualTo(6);
        wheel.runDue(6);
        assertThat(ran).containsExactly("first", "keeps the wheel at 6", "late");
    }

    @Test
    void anEmptyWheelMovesToTheCurrentSlotAndReachesOnlySoFarAhead() {
        wheel.add(1, 1, record("early"));
        wheel.runDue(1);
        assertThat(wheel.add(1_000 + 8, 1_000, record("too far"))).isFalse();
        assertThat(wheel.add(1_000 + 7, 1_000, record("far"))).isTrue();
        assertThat(wheel.firstSlot()).isEqualTo(1_007);
        wheel.runDue(1_007);
        assertThat(ran).containsExactly("early", "far");
    }

    @Test
    void aTaskAddedWhileItsSlotRunsWaitsForTheNextSlot() {
        wheel.add(4, 4, () -> {
            ran.add("outer");
            wheel.add(4, 4, record("added for the running slot"));
            wheel.add(4 + 8, 4, record("a whole turn ahead"));
        });
        wheel.runDue(4);
        assertThat(ran).containsExactly("outer");
        assertThat(wheel.firstSlot()).isEqualTo(5);
        wheel.runDue(5);
        assertThat(ran).containsExactly("outer", "added for the running slot");
        wheel.runDue(12);
        assertThat(ran).containsExactly("outer", "added for the running slot", "a whole turn ahead");
    }

    @Test
    void aFailingTaskDoesNotKeepTheOthersFromRunning() {
        wheel.add(2, 2, record("before"));
        wheel.add(2, 2, () -> {
            throw new IllegalStateException("boom");
        });
        wheel.add(2, 2, record("after"));
        wheel.add(3, 2, record("next slot"));
        assertThatThrownBy(() -> wheel.runDue(3)).hasMessage("boom");
        assertThat(ran).containsExactly("before", "after", "next slot");
        assertThat(wheel.firstSlot()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aBucketGrowsBeyondItsFirstSize() {
        for (int i = 0; i < 100; i++) {
            wheel.add(9, 9, record("t" + i));
        }
        wheel.runDue(9);
        assertThat(ran).hasSize(100).startsWith("t0", "t1").endsWith("t99");
    }

    @Test
    void clearDropsEveryTask() {
        wheel.add(3, 3, record("dropped"));
        wheel.clear();
        assertThat(wheel.firstSlot()).isEqualTo(Long.MAX_VALUE);
        wheel.runDue(100);
        assertThat(ran).isEmpty();
    }

    @Test
    void timersEndOnTheSlotGridAndAreNeverEarly() {
        long slot = CheckTimer.SLOT_NANOS;
        assertThat(CheckTimer.slotAtOrAfter(5 * slot)).isEqualTo(5);
        assertThat(CheckTimer.slotAtOrAfter(5 * slot + 1)).isEqualTo(6);
        assertThat(CheckTimer.slotAtOrAfter(-slot - 1)).isEqualTo(-1);
        for (long nanos : new long[] {-123_456_789L, 0, 987_654_321L, 1_000_000_007L}) {
            long start = CheckTimer.slotAtOrAfter(nanos) * slot;
            assertThat(start).isBetween(nanos, nanos + slot - 1);
        }
    }

    private Runnable record(String name) {
        return () -> ran.add(name);
    }
}
