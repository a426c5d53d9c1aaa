package dev.ballast.node.proxy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSlotsTest {

    @Test
    void unlimitedNeverQueues() {
        ServerSlots slots = new ServerSlots(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(slots.acquireOrQueue(() -> { })).isTrue();
        }
    }

    @Test
    void queuesBeyondMaxAndHandsReleasedSlotsOverInArrivalOrder() {
        ServerSlots slots = new ServerSlots(2);
        List<String> granted = new ArrayList<>();
        assertThat(slots.acquireOrQueue(() -> granted.add("a"))).isTrue();
        assertThat(slots.acquireOrQueue(() -> granted.add("b"))).isTrue();
        assertThat(slots.acquireOrQueue(() -> granted.add("c"))).isFalse();
        assertThat(slots.acquireOrQueue(() -> granted.add("d"))).isFalse();
        assertThat(slots.queued()).isEqualTo(2);

        slots.release();
        slots.release();
        assertThat(granted).containsExactly("c", "d");
        assertThat(slots.active()).isEqualTo(2);
        slots.release();
        slots.release();
        assertThat(slots.active()).isZero();
    }

    @Test
    void aCancelledWaiterIsSkippedAndCancelReportsAGrantAlreadyMade() {
        ServerSlots slots = new ServerSlots(1);
        List<String> granted = new ArrayList<>();
        ServerSlots.Waiter late = () -> granted.add("late");
        ServerSlots.Waiter next = () -> granted.add("next");
        slots.acquireOrQueue(() -> { });
        slots.acquireOrQueue(late);
        slots.acquireOrQueue(next);
        assertThat(slots.cancel(late)).isTrue();
        slots.release();
        assertThat(granted).containsExactly("next");
        assertThat(slots.cancel(next)).isFalse();
    }

    @Test
    void aNewcomerDoesNotOvertakeTheQueue() {
        ServerSlots slots = new ServerSlots(1);
        slots.acquireOrQueue(() -> { });
        slots.acquireOrQueue(() -> { });
        assertThat(slots.acquireOrQueue(() -> { })).isFalse();
        assertThat(slots.queued()).isEqualTo(2);
    }
}
