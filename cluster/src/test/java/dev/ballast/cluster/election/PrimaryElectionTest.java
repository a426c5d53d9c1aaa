package dev.ballast.cluster.election;

import static dev.ballast.cluster.election.SnapshotBuilder.holding;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrimaryElectionTest {

    private static Optional<String> primaryOf(SnapshotBuilder builder) {
        return PrimaryElection.elect(builder.build()).primary();
    }

    @Test
    void freshClusterElectsHighestPriorityThenOldestMember() {
        assertThat(primaryOf(new SnapshotBuilder().member("a", 100).member("b", 100))).contains("a");
        assertThat(primaryOf(new SnapshotBuilder().member("a", 100).member("b", 150))).contains("b");
    }

    @Test
    void noEligibleMemberMeansNoPrimary() {
        SnapshotBuilder builder = new SnapshotBuilder()
                .member(MemberStatus.fresh("a", false, 100, false))
                .silentMember("b");
        PrimaryElection.Election election = PrimaryElection.elect(builder.build());
        assertThat(election.primary()).isEmpty();
        assertThat(election.reason()).contains("no eligible member");
    }

    @Test
    void memberWithoutStatusCannotBeElectedAndIsReportedSilent() {
        SnapshotBuilder builder = new SnapshotBuilder().silentMember("a").member("b", 1);
        assertThat(primaryOf(builder)).contains("b");
        assertThat(builder.build().silentMembers()).containsExactly("a");
    }

    @Test
    void returningFormerPrimaryWithHigherPriorityStaysStandbyWithoutPreempt() {
        SnapshotBuilder builder = new SnapshotBuilder()
                .member("a", 200)
                .member(holding("b", 100, 2, "vip"));
        assertThat(primaryOf(builder)).contains("b");
    }

    @Test
    void preemptingMemberWithHigherPriorityTakesTheRole() {
        SnapshotBuilder builder = new SnapshotBuilder()
                .member(MemberStatus.fresh("a", true, 200, true))
                .member(holding("b", 100, 2, "vip"));
        PrimaryElection.Election election = PrimaryElection.elect(builder.build());
        assertThat(election.primary()).contains("a");
        assertThat(election.reason()).contains("preempts b");
    }

    @Test
    void preemptNeedsStrictlyHigherPriority() {
        SnapshotBuilder builder = new SnapshotBuilder()
                .member(MemberStatus.fresh("a", true, 100, true))
                .member(holding("b", 100, 2, "vip"));
        assertThat(primaryOf(builder)).contains("b");
    }

    @Test
    void ineligibleIncumbentHandsOverToAnEligibleMember() {
        SnapshotBuilder builder = new SnapshotBuilder()
                .member(new MemberStatus("a", false, 200, false, Map.of("vip", 1L)))
                .member("b", 100)
                .member("c", 150);
        assertThat(primaryOf(builder)).contains("c");
    }

    @Test
    void afterMergeTheNewestClaimWinsRegardlessOfPriorityAndViewOrder() {
        SnapshotBuilder builder = new SnapshotBuilder()
                .member(holding("a", 200, 1, "vip"))
                .member(holding("b", 100, 2, "vip"));
        PrimaryElection.Election election = PrimaryElection.elect(builder.build());
        assertThat(election.primary()).contains("b");
        assertThat(election.reason()).contains("newest of 2 claims");
    }

    @Test
    void equalClaimTermsAreBrokenByPriorityThenViewOrder() {
        PrimaryElection.Election tie = PrimaryElection.elect(new SnapshotBuilder()
                .member(holding("a", 100, 3, "vip"))
                .member(holding("b", 100, 3, "vip")).build());
        assertThat(tie.primary()).contains("a");
        assertThat(tie.reason()).contains("share the newest term 3");
        assertThat(primaryOf(new SnapshotBuilder()
                .member(holding("a", 100, 3, "vip"))
                .member(holding("b", 300, 3, "vip")))).contains("b");
    }

    @Test
    void everyMemberComputesTheSameResultWhateverTheMapOrder() {
        ClusterSnapshot one = new SnapshotBuilder().member("x", 5).member(holding("y", 5, 4, "v"))
                .member(holding("z", 5, 4, "v")).build();
        ClusterSnapshot reordered = new ClusterSnapshot(one.view(),
                Map.of("z", one.statuses().get("z"), "x", one.statuses().get("x"), "y", one.statuses().get("y")),
                Optional.empty());
        assertThat(PrimaryElection.elect(one)).isEqualTo(PrimaryElection.elect(reordered));
        assertThat(PrimaryElection.elect(one).primary()).contains("y");
    }

    @Test
    void promoteTargetWinsWhileEligible() {
        SnapshotBuilder builder = new SnapshotBuilder()
                .member(holding("a", 300, 1, "vip"))
                .member("b", 100)
                .promote("b");
        assertThat(primaryOf(builder)).contains("b");
    }

    @Test
    void ineligiblePromoteTargetIsIgnored() {
        SnapshotBuilder builder = new SnapshotBuilder()
                .member(holding("a", 100, 1, "vip"))
                .member(MemberStatus.fresh("b", false, 100, false))
                .promote("b");
        assertThat(primaryOf(builder)).contains("a");
    }

    @Test
    void promoteSettlesOnlyOnceTheTargetIsTheSoleClaimant() {
        ClusterSnapshot bothClaim = new SnapshotBuilder()
                .member(holding("a", 100, 1, "vip")).member(holding("b", 100, 2, "vip")).promote("a").build();
        assertThat(PrimaryElection.promoteSettled(bothClaim)).isFalse();

        ClusterSnapshot handedOver = new SnapshotBuilder()
                .member("a", 100).member(holding("b", 100, 2, "vip")).promote("b").build();
        assertThat(PrimaryElection.promoteSettled(handedOver)).isTrue();
        assertThat(PrimaryElection.elect(new ClusterSnapshot(handedOver.view(), handedOver.statuses(),
                Optional.empty())).primary()).contains("b");
    }

    @Test
    void promoteOfAnAbsentOrIneligibleTargetIsSettledAtOnce() {
        assertThat(PrimaryElection.promoteSettled(new SnapshotBuilder().member("a", 1).promote("gone").build()))
                .isTrue();
        assertThat(PrimaryElection.promoteSettled(new SnapshotBuilder()
                .member(MemberStatus.fresh("a", false, 1, false)).promote("a").build())).isTrue();
        assertThat(PrimaryElection.promoteSettled(new SnapshotBuilder().member("a", 1).build())).isTrue();
    }
}
