package dev.ballast.cluster.election;

import static dev.ballast.cluster.election.SnapshotBuilder.holding;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandoverTest {

    @Test
    void keepsAVipUntilTheSuccessorClaimsIt() {
        ClusterSnapshot beforeClaim = new SnapshotBuilder().member(holding("a", 1, 1, "v")).member("b", 1).build();
        assertThat(Handover.awaitingSuccessor(Set.of("v"), Map.of("v", "b"), beforeClaim, "a")).containsExactly("v");

        ClusterSnapshot afterClaim = new SnapshotBuilder()
                .member(holding("a", 1, 1, "v")).member(holding("b", 1, 2, "v")).build();
        assertThat(Handover.awaitingSuccessor(Set.of("v"), Map.of("v", "b"), afterClaim, "a")).isEmpty();
        assertThat(PrimaryElection.elect(afterClaim).primary()).as("the successor's newer claim wins").contains("b");
    }

    @Test
    void releasesAtOnceWhenNobodyCanTakeOverOrTheVipStaysHere() {
        ClusterSnapshot alone = new SnapshotBuilder().member(holding("a", 1, 1, "v")).build();
        assertThat(Handover.awaitingSuccessor(Set.of("v"), Map.of(), alone, "a")).isEmpty();
        assertThat(Handover.awaitingSuccessor(Set.of("v"), Map.of("v", "a"), alone, "a")).isEmpty();
    }

    @Test
    void theSuccessorTakesEachVipFromTheMemberOfTheViewThatStillClaimsIt() {
        ClusterSnapshot promote = new SnapshotBuilder()
                .member(holding("a", 1, 3, "v1", "v2")).member("b", 1).member(holding("c", 1, 2, "v3")).build();
        assertThat(Handover.formerOwners(Set.of("v1", "v3", "v4"), promote, "b"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("v1", "a", "v3", "c"));
    }

    @Test
    void aCrashedOrCutOffFormerOwnerIsNoLongerInTheViewSoThereIsNone() {
        ClusterSnapshot afterCrash = new SnapshotBuilder().member("b", 1).build();
        assertThat(Handover.formerOwners(Set.of("v"), afterCrash, "b")).isEmpty();
        ClusterSnapshot ownClaim = new SnapshotBuilder().member(holding("b", 1, 4, "v")).member("a", 1).build();
        assertThat(Handover.formerOwners(Set.of("v"), ownClaim, "b")).as("its own claim does not count").isEmpty();
    }

    @Test
    void amongSeveralClaimantsTheNewestClaimIsTheFormerOwner() {
        ClusterSnapshot merged = new SnapshotBuilder()
                .member(holding("a", 1, 5, "v")).member(holding("c", 1, 7, "v")).member("b", 1).build();
        assertThat(Handover.formerOwners(Set.of("v"), merged, "b")).containsEntry("v", "c");
    }
}
