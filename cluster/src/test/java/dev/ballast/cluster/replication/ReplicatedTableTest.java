package dev.ballast.cluster.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two members' tables wired to each other in memory: replication, tombstones, bounds, uses, expiry, state, merge. */
class ReplicatedTableTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long NEVER = Long.MAX_VALUE;

    private final AtomicLong wall = new AtomicLong(1_000_000);
    private final AtomicBoolean partitioned = new AtomicBoolean();
    private ReplicationHub hubA;
    private ReplicationHub hubB;

    @AfterEach
    void close() {
        if (hubA != null) {
            hubA.close();
            hubB.close();
        }
    }

    private ReplicatedTable[] pair(TableSettings settings) {
        ReplicationHub[] hubs = new ReplicationHub[2];
        hubs[0] = new ReplicationHub("a", new HybridClock(wall::get), payload -> deliver(hubs[1], "a", payload));
        hubs[1] = new ReplicationHub("b", new HybridClock(wall::get), payload -> deliver(hubs[0], "b", payload));
        hubA = hubs[0];
        hubB = hubs[1];
        ReplicatedTable a = hubA.register(settings);
        ReplicatedTable b = hubB.register(settings);
        hubA.start();
        hubB.start();
        return new ReplicatedTable[] {a, b};
    }

    private void deliver(ReplicationHub to, String from, byte[] payload) {
        if (!partitioned.get()) {
            to.receive(from, payload, 0, payload.length);
        }
    }

    @Test
    void entriesWrittenOnOneMemberAreReadOnTheOther() {
        ReplicatedTable[] t = pair(TableSettings.of("sessions", 10_000));
        for (int i = 0; i < 5_000; i++) {
            t[0].put("k" + i, bytes("server-" + (i % 7)), NEVER);
        }
        // Counters are updated right after sending and applying: wait for them too.
        await().atMost(WAIT).until(() -> t[1].size() == 5_000 && t[0].stats().entriesSent() == 5_000
                && t[1].stats().entriesApplied() == 5_000);
        assertThat(text(t[1].get("k4321"))).isEqualTo("server-" + (4321 % 7));
        assertThat(t[1].get("k4321").version().origin()).isEqualTo("a");
        TableStats sent = t[0].stats();
        assertThat(sent.entriesSent()).isEqualTo(5_000);
        assertThat(sent.batchesSent()).isBetween(5L, 5_000L);
        TableStats received = t[1].stats();
        assertThat(received.entriesApplied()).isEqualTo(5_000);
        assertThat(received.replicationLagMillis()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void removalLeavesATombstoneThatAnOlderCopyCannotUndo() throws Exception {
        ReplicatedTable[] t = pair(TableSettings.of("sessions", 100));
        TableEntry original = t[0].put("k", bytes("s1"), NEVER);
        await().atMost(WAIT).until(() -> t[1].get("k") != null);
        wall.addAndGet(1);
        assertThat(t[1].remove("k")).isTrue();
        await().atMost(WAIT).until(() -> t[0].get("k") == null);
        assertThat(t[0].stats().tombstones()).isEqualTo(1);
        assertThat(t[0].size()).isZero();

        byte[] stale = TableWire.encodeBatch("sessions", wall.get(), List.of(original));
        hubA.receive("late", stale, 0, stale.length);
        assertThat(t[0].get("k")).isNull();
        assertThat(t[1].remove("k")).as("nothing left to remove").isFalse();
    }

    @Test
    void tombstonesGoOnceTheirRetentionAndTheRemovedEntrysLifeAreOver() {
        TableSettings settings = new TableSettings("s", 100, TableSettings.DEFAULT_BATCH_DELAY, 1_000, 0.25,
                Duration.ofSeconds(60));
        ReplicatedTable[] t = pair(settings);
        t[0].put("short", bytes("x"), wall.get() + 10_000);
        t[0].put("long", bytes("x"), wall.get() + 120_000);
        t[0].remove("short");
        t[0].remove("long");
        wall.addAndGet(61_000);
        t[0].purgeExpired();
        assertThat(t[0].stats().tombstones()).as("the long-lived entry's tombstone stays as long as it").isEqualTo(1);
        wall.addAndGet(60_000);
        t[0].purgeExpired();
        assertThat(t[0].stats().tombstones()).isZero();
    }

    @Test
    void memoryIsBoundedAndEvictionsCounted() {
        ReplicatedTable[] t = pair(TableSettings.of("small", 10));
        for (int i = 0; i < 25; i++) {
            t[0].put("k" + i, bytes("v"), NEVER);
        }
        assertThat(t[0].size()).isEqualTo(10);
        assertThat(t[0].evictions()).isEqualTo(15);
        assertThat(t[0].get("k24")).as("the newest stay").isNotNull();
        assertThat(t[0].get("k0")).isNull();
        // b receives every change (in no particular order) and stays within the same bound.
        await().atMost(WAIT).until(() -> t[1].size() + t[1].evictions() == 25);
        assertThat(t[1].size()).isEqualTo(10);
    }

    @Test
    void usesReplicateOnlyOnceOlderThanAFractionOfTheTimeToLive() {
        ReplicatedTable[] t = pair(TableSettings.of("sessions", 100));
        long start = wall.get();
        t[0].put("k", bytes("s"), start + 1_000);
        await().atMost(WAIT).until(() -> t[1].get("k") != null);

        wall.set(start + 100);
        t[0].touch("k", start + 100, start + 1_100);
        assertThat(t[0].stats().pending()).as("a use 100 ms after the last replicated one (ttl 1 s) waits").isZero();

        wall.set(start + 300);
        t[0].touch("k", start + 300, start + 1_300);
        await().atMost(WAIT).until(() -> t[1].get("k").lastUsedMillis() == start + 300);
        assertThat(t[1].get("k").expiresAtMillis()).isEqualTo(start + 1_300);
    }

    @Test
    void aPendingUseIsSentBeforeTheOthersCopiesWouldExpire() {
        ReplicatedTable[] t = pair(TableSettings.of("sessions", 100));
        long start = wall.get();
        t[0].put("k", bytes("s"), start + 10_000);
        await().atMost(WAIT).until(() -> t[1].get("k") != null);
        wall.set(start + 1_000);
        t[0].touch("k", start + 1_000, start + 11_000); // below a quarter of the ttl: not sent now
        wall.set(start + 8_500);                        // b's copy expires within two sweeps
        await().atMost(WAIT).until(() -> t[1].get("k").expiresAtMillis() == start + 11_000);
        wall.set(start + 10_500);
        assertThat(t[1].get("k")).as("b keeps the session a used").isNotNull();
    }

    @Test
    void expiredEntriesAreGoneEverywhereWithoutAnyMessage() {
        ReplicatedTable[] t = pair(TableSettings.of("sessions", 100));
        t[0].put("k", bytes("s"), wall.get() + 5_000);
        await().atMost(WAIT).until(() -> t[1].get("k") != null);
        partitioned.set(true);
        wall.addAndGet(5_000);
        assertThat(t[0].get("k")).isNull();
        assertThat(t[1].get("k")).isNull();
        assertThat(t[1].touch("k", wall.get(), wall.get() + 5_000)).isNull();
    }

    @Test
    void stateTransferCarriesEntriesAndTombstones() throws Exception {
        ReplicatedTable[] t = pair(TableSettings.of("sessions", 100_000));
        for (int i = 0; i < 20_000; i++) {
            t[0].put("k" + i, bytes("v" + i), NEVER);
        }
        t[0].remove("k7");
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        hubA.writeState(state);

        ReplicationHub joiner = new ReplicationHub("c", new HybridClock(wall::get), payload -> { });
        ReplicatedTable c = joiner.register(TableSettings.of("sessions", 100_000));
        c.put("k7", bytes("older, made before the removal"), NEVER);
        joiner.readState(new ByteArrayInputStream(state.toByteArray()));
        try {
            assertThat(c.size()).isEqualTo(19_999);
            assertThat(c.get("k7")).isNull();
            assertThat(text(c.get("k19999"))).isEqualTo("v19999");
            assertThat(c.stats().statesReceived()).isEqualTo(1);
        } finally {
            joiner.close();
        }
    }

    @Test
    void afterAPartitionTheUnionSurvivesAndConflictsGoToTheNewestWrite() {
        ReplicatedTable[] t = pair(TableSettings.of("sessions", 10_000));
        t[0].put("removed-later", bytes("x"), NEVER);
        await().atMost(WAIT).until(() -> t[1].get("removed-later") != null);

        partitioned.set(true);
        for (int i = 0; i < 100; i++) {
            t[0].put("a" + i, bytes("a"), NEVER);
            t[1].put("b" + i, bytes("b"), NEVER);
            t[0].put("both" + i, bytes("from a"), NEVER);
        }
        t[0].remove("removed-later");
        wall.addAndGet(10);
        for (int i = 0; i < 100; i++) {
            t[1].put("both" + i, bytes("from b, later"), NEVER);
        }
        await().during(Duration.ofMillis(50)).atMost(WAIT).until(() -> t[0].stats().pending() == 0);
        assertThat(t[0].get("b0")).isNull();

        partitioned.set(false);
        hubA.merged();
        hubB.merged();
        await().atMost(WAIT).until(() -> t[0].size() == 300 && t[1].size() == 300);
        for (ReplicatedTable table : t) {
            assertThat(text(table.get("a99"))).isEqualTo("a");
            assertThat(text(table.get("b99"))).isEqualTo("b");
            assertThat(text(table.get("both42"))).isEqualTo("from b, later");
            assertThat(table.get("removed-later")).isNull();
            assertThat(table.stats().mergeEvents()).isEqualTo(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(TableEntry entry) {
        return new String(entry.value(), StandardCharsets.UTF_8);
    }
}
