package dev.ballast.cluster.election;

import static dev.ballast.cluster.election.SnapshotBuilder.holding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActiveActiveAssignmentTest {

    private static final List<String> VIPS = List.of("v1", "v2", "v3", "v4");

    @Test
    void spreadsVipsEvenlyOverAFreshCluster() {
        Map<String, String> owners = ActiveActiveAssignment.assign(
                new SnapshotBuilder().member("a", 1).member("b", 1).build(), VIPS);
        assertThat(owners).containsExactly(entry("v1", "a"), entry("v2", "b"), entry("v3", "a"), entry("v4", "b"));
    }

    @Test
    void vipsOfALeavingNodeAreReassignedAndOthersStayPut() {
        ClusterSnapshot afterLeave = new SnapshotBuilder()
                .member(holding("a", 1, 1, "v1"))
                .member(holding("c", 1, 1, "v3"))
                .build(); // b, which held v2 and v4, left the view
        Map<String, String> owners = ActiveActiveAssignment.assign(afterLeave, VIPS);
        assertThat(owners).containsEntry("v1", "a").containsEntry("v3", "c");
        assertThat(owners.values()).containsOnly("a", "c");
        assertThat(owners.values().stream().filter("a"::equals).count()).isEqualTo(2);
    }

    @Test
    void returningNodeGetsItsShareBackWithoutMovingMoreThanNeeded() {
        ClusterSnapshot snapshot = new SnapshotBuilder()
                .member(holding("a", 1, 1, "v1", "v2", "v3", "v4"))
                .member("b", 1)
                .build();
        Map<String, String> owners = ActiveActiveAssignment.assign(snapshot, VIPS);
        assertThat(owners).containsExactly(entry("v1", "a"), entry("v2", "a"), entry("v3", "b"), entry("v4", "b"));
    }

    @Test
    void everyVipHasExactlyOneOwnerAfterAMergeWithDoubleClaims() {
        ClusterSnapshot merged = new SnapshotBuilder()
                .member(holding("a", 1, 1, "v1", "v2", "v3", "v4"))
                .member(holding("b", 1, 5, "v1", "v2", "v3", "v4"))
                .build();
        Map<String, String> owners = ActiveActiveAssignment.assign(merged, VIPS);
        assertThat(owners).hasSize(4);
        assertThat(owners.values().stream().filter("a"::equals).count()).isEqualTo(2);
        assertThat(owners).containsEntry("v1", "b").containsEntry("v2", "b");
    }

    @Test
    void ineligibleMembersOwnNothing() {
        ClusterSnapshot snapshot = new SnapshotBuilder()
                .member(new MemberStatus("a", false, 1, false, Map.of("v1", 1L)))
                .member("b", 1)
                .build();
        assertThat(ActiveActiveAssignment.assign(snapshot, VIPS).values()).containsOnly("b");
        assertThat(ActiveActiveAssignment.assign(new SnapshotBuilder().silentMember("a").build(), VIPS)).isEmpty();
    }
}
