package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Split brain: two members as separate JVMs are cut apart (JGroups DISCARD drops everything between them) and
 * healed again, several times in a row, and each time exactly one of them must hold the VIP once the partitions
 * have merged. The {@code safe} profile keeps a loaded CI machine from adding partitions of its own.
 * {@code -Dpartition.cycles=20} repeats each loop more often.
 */
class PartitionMergeIT extends MemberPairFixture {

    private static final int CYCLES = Integer.getInteger("partition.cycles", 5);
    /** safe profile: suspected after 3 s of silence plus 0.5 s verification; generous for a loaded machine. */
    private static final Duration PARTITION_NOTICED = Duration.ofSeconds(30);
    /** MERGE3 finds the other side within 2-4 s; statuses then settle the owner within a second or two. */
    private static final Duration MERGED = Duration.ofSeconds(40);
    private static final Duration SETTLED = Duration.ofSeconds(3);

    /** Without a quorum policy both sides claim the VIP while apart; the merge must leave one. */
    @Test
    void partitionThenHealLeavesExactlyOneHolderEveryTime() throws Exception {
        MemberProcess a = start("a", portA, "quorum=0");
        MemberProcess b = start("b", portB, "quorum=0");
        awaitOneHolderOf(a, b, "after the start");

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            String when = " (cycle " + cycle + " of " + CYCLES + ")";
            a.send("partition");
            b.send("partition");
            await("both sides alone and each holding the VIP" + when).atMost(PARTITION_NOTICED)
                    .until(() -> a.members().equals(List.of("a")) && b.members().equals(List.of("b"))
                            && a.ownsVip() && b.ownsVip());
            long healedAt = System.currentTimeMillis();
            a.send("heal");
            b.send("heal");
            awaitMergedWithOneHolder(a, b, "after the merge" + when);
            printSettled("partition", cycle, healedAt, a, b);
        }
        assertThat(a.logged(CRASH_PROBE_EXCLUSION) || b.logged(CRASH_PROBE_EXCLUSION))
                .as("a cut-off member still listens: it is verified, never excluded by the crash probe").isFalse();
    }

    /**
     * The failure bench/failover found: the cut-off primary (tiebreaker unreachable) drops the VIP, the other takes
     * it; then the cut-off node reaches its tiebreaker again and claims the VIP while still alone in its view. After
     * the merge one of the two must let go.
     */
    @Test
    void cutOffPrimaryThatReclaimsAloneLeavesOneHolderAfterTheMerge() throws Exception {
        MemberProcess a = start("a", portA, "quorum=tiebreaker");
        MemberProcess b = start("b", portB, "quorum=tiebreaker");
        awaitOneHolderOf(a, b, "after the start");

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            String when = " (cycle " + cycle + " of " + CYCLES + ")";
            MemberProcess cutOff = a.ownsVip() ? a : b;
            MemberProcess other = cutOff == a ? b : a;
            cutOff.send("tiebreaker false");
            cutOff.send("partition");
            await(other.name() + " takes over" + when).atMost(PARTITION_NOTICED)
                    .until(() -> other.members().equals(List.of(other.name())) && other.ownsVip()
                            && !cutOff.ownsVip());
            cutOff.send("tiebreaker true");
            await(cutOff.name() + " claims again while alone" + when).atMost(PARTITION_NOTICED)
                    .until(cutOff::ownsVip);
            long healedAt = System.currentTimeMillis();
            cutOff.send("heal");
            awaitMergedWithOneHolder(a, b, "after the merge" + when);
            printSettled("tiebreaker", cycle, healedAt, a, b);
        }
    }

    /** Started at the same moment, the two may found a cluster each; once merged, one holds the VIP. */
    @Test
    void simultaneousStartLeavesExactlyOneHolder() throws Exception {
        for (int round = 1; round <= Math.max(1, CYCLES / 2); round++) {
            MemberProcess a = start("a", portA, "quorum=0");
            MemberProcess b = start("b", portB, "quorum=0");
            awaitMergedWithOneHolder(a, b, "after a simultaneous start (round " + round + ")");
            a.close();
            b.close();
        }
    }

    /** When the last role change after the heal happened (the second holder's release, if there was one). */
    private static void printSettled(String test, int cycle, long healedAt, MemberProcess a, MemberProcess b) {
        long settledAt = Math.max(a.lastRoleChangeMillis(), b.lastRoleChangeMillis());
        System.out.println("MEASURED " + test + " cycle " + cycle + ": " + (a.ownsVip() ? "a" : "b")
                + " holds the VIP; last role change " + (settledAt - healedAt) + " ms after the heal");
    }

    /** Both see both, then exactly one holds the VIP. */
    private static void awaitMergedWithOneHolder(MemberProcess a, MemberProcess b, String when) {
        a.awaitMembers(MERGED, "a", "b");
        b.awaitMembers(MERGED, "a", "b");
        awaitOneHolderOf(a, b, when);
    }

    private static void awaitOneHolderOf(MemberProcess a, MemberProcess b, String when) {
        await("exactly one VIP holder " + when + ", steady for " + SETTLED.toSeconds() + " s")
                .atMost(MERGED).during(SETTLED)
                .until(() -> a.members().size() == 2 && b.members().size() == 2 && a.ownsVip() != b.ownsVip());
    }
}
