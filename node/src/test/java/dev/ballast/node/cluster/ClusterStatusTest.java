package dev.ballast.node.cluster;

import dev.ballast.cluster.election.ClusterSnapshot;
import dev.ballast.cluster.election.MemberStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterStatusTest {

    private static final String VIP = "10.0.0.100/24";

    @Test
    void membersShowTheirRoleFromTheirClaimsAndJoinersAreMarkedUnknown() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of("lb1", "lb2", "lb3"), Map.of(
                "lb1", new MemberStatus("lb1", true, 100, false, Map.of(VIP, 3L)),
                "lb2", new MemberStatus("lb2", false, 150, true, Map.of())), Optional.empty());

        List<ClusterStatus.Member> members = ClusterStatus.members(snapshot);

        assertThat(members).containsExactly(
                new ClusterStatus.Member("lb1", true, true, 100, Set.of(VIP)),
                new ClusterStatus.Member("lb2", true, false, 150, Set.of()),
                new ClusterStatus.Member("lb3", false, false, 0, Set.of()));
        assertThat(members.get(0).role()).isEqualTo(Role.PRIMARY);
        assertThat(members.get(1).role()).isEqualTo(Role.STANDBY);
    }

    @Test
    void vipOwnersListEveryClaimantSoThatASplitIsVisible() {
        List<ClusterStatus.Member> members = List.of(
                new ClusterStatus.Member("lb1", true, true, 100, Set.of(VIP)),
                new ClusterStatus.Member("lb2", true, true, 100, Set.of(VIP)));

        assertThat(ClusterStatus.vipOwners(List.of(VIP, "10.0.0.101/24"), members))
                .isEqualTo(Map.of(VIP, List.of("lb1", "lb2"), "10.0.0.101/24", List.of()));
    }

    @Test
    void roleTrackerRemembersTheLastChangeAndPassesTheVipsOn() {
        List<Set<String>> passedOn = new ArrayList<>();
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        RoleTracker tracker = new RoleTracker("lb1", (owned, formerOwners, reason) -> passedOn.add(owned),
                Clock.fixed(now, ZoneOffset.UTC));

        tracker.vipsChanged(Set.of(VIP), Map.of(), "view [lb1] -> primary lb1");
        tracker.vipsChanged(Set.of(), Map.of(), "leaving the cluster");

        assertThat(passedOn).containsExactly(Set.of(VIP), Set.of());
        assertThat(tracker.lastChange()).contains(
                new RoleChange(now, Role.PRIMARY, Role.STANDBY, Set.of(), "leaving the cluster"));
    }
}
