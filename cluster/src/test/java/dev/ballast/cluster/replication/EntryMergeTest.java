package dev.ballast.cluster.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EntryMergeTest {

    @Property(tries = 500)
    void mergeIsCommutative(@ForAll("copies") TableEntry a, @ForAll("copies") TableEntry b) {
        assertThat(EntryMerge.merge(a, b)).isEqualTo(EntryMerge.merge(b, a));
    }

    @Property(tries = 500)
    void mergeIsAssociative(@ForAll("copies") TableEntry a, @ForAll("copies") TableEntry b,
                            @ForAll("copies") TableEntry c) {
        assertThat(EntryMerge.merge(EntryMerge.merge(a, b), c))
                .isEqualTo(EntryMerge.merge(a, EntryMerge.merge(b, c)));
    }

    @Property(tries = 200)
    void mergeIsIdempotent(@ForAll("copies") TableEntry a, @ForAll("copies") TableEntry b) {
        assertThat(EntryMerge.merge(a, a)).isEqualTo(a);
        TableEntry ab = EntryMerge.merge(a, b);
        assertThat(EntryMerge.merge(ab, b)).isEqualTo(ab);
    }

    @Property(tries = 200)
    void anyArrivalOrderConvergesOnTheNewestVersion(@ForAll("sixCopies") List<TableEntry> copies,
                                                    @ForAll long seed) {
        List<TableEntry> shuffled = new ArrayList<>(copies);
        Collections.shuffle(shuffled, new Random(seed));
        TableEntry inOrder = copies.stream().reduce(EntryMerge::merge).orElseThrow();
        TableEntry anyOrder = shuffled.stream().reduce(EntryMerge::merge).orElseThrow();
        assertThat(anyOrder).isEqualTo(inOrder);
        Version newest = copies.stream().map(TableEntry::version).max(Version::compareTo).orElseThrow();
        assertThat(anyOrder.version()).isEqualTo(newest);
    }

    @Test
    void newerVersionWinsWholeEvenWithAnOlderLastUse() {
        TableEntry old = entry("x", "server-1", 100, "a", 5_000, 9_000);
        TableEntry restuck = entry("x", "server-2", 200, "b", 1_000, 2_000);
        assertThat(EntryMerge.merge(old, restuck)).isSameAs(restuck);
        assertThat(EntryMerge.merge(restuck, old)).isSameAs(restuck);
    }

    @Test
    void sameTimestampIsDecidedByOrigin() {
        TableEntry fromA = entry("x", "1", 100, "a", 0, 10);
        TableEntry fromB = entry("x", "2", 100, "b", 0, 10);
        assertThat(EntryMerge.merge(fromA, fromB)).isSameAs(fromB);
    }

    @Test
    void copiesOfOneWriteKeepTheLatestUseAndExpiry() {
        TableEntry usedHere = entry("x", "s", 100, "a", 300, 1_300);
        TableEntry usedThere = entry("x", "s", 100, "a", 500, 1_500);
        assertThat(EntryMerge.merge(usedHere, usedThere)).isEqualTo(usedThere);
    }

    @Test
    void tombstoneOfALaterWriteWins() {
        TableEntry live = entry("x", "s", 100, "a", 300, 1_300);
        TableEntry removed = new TableEntry("x", null, new Version(101, "b"), 301, 9_999);
        assertThat(EntryMerge.merge(live, removed)).isSameAs(removed);
    }

    @Test
    void differentKeysAreRefused() {
        assertThatThrownBy(() -> EntryMerge.merge(entry("x", "1", 1, "a", 0, 1), entry("y", "1", 1, "a", 0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different keys");
    }

    private static TableEntry entry(String key, String value, long timestamp, String origin, long lastUsed,
                                    long expiresAt) {
        return new TableEntry(key, value.getBytes(), new Version(timestamp, origin), lastUsed, expiresAt);
    }

    @Provide
    Arbitrary<TableEntry> copies() {
        // Few distinct versions, values and times, so that equal versions (copies of one write) are common.
        Arbitrary<Version> versions = Combinators.combine(Arbitraries.longs().between(1, 4),
                Arbitraries.of("a", "b")).as(Version::new);
        Arbitrary<Boolean> tombstones = Arbitraries.integers().between(0, 4).map(i -> i == 0);
        return Combinators.combine(versions, tombstones, Arbitraries.longs().between(0, 3),
                        Arbitraries.longs().between(0, 3))
                .as((version, tombstone, used, expires) -> new TableEntry("k",
                        // one write has one value, so derive it from the version
                        tombstone ? null : (version.origin() + version.timestamp()).getBytes(),
                        version, used, expires));
    }

    @Provide
    Arbitrary<List<TableEntry>> sixCopies() {
        return copies().list().ofSize(6);
    }
}
