package dev.ballast.cluster.election;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds snapshots tersely for the rule tests. */
final class SnapshotBuilder {

    private final List<String> view = new ArrayList<>();
    private final Map<String, MemberStatus> statuses = new LinkedHashMap<>();
    private Optional<String> promote = Optional.empty();

    SnapshotBuilder member(String node, int priority) {
        return member(MemberStatus.fresh(node, true, priority, false));
    }

    SnapshotBuilder member(MemberStatus status) {
        view.add(status.node());
        statuses.put(status.node(), status);
        return this;
    }

    /** In the view, but its status has not arrived yet. */
    SnapshotBuilder silentMember(String node) {
        view.add(node);
        return this;
    }

    SnapshotBuilder promote(String node) {
        promote = Optional.of(node);
        return this;
    }

    ClusterSnapshot build() {
        return new ClusterSnapshot(view, statuses, promote);
    }

    static MemberStatus holding(String node, int priority, long term, String... vips) {
        Map<String, Long> claims = new LinkedHashMap<>();
        for (String vip : vips) {
            claims.put(vip, term);
        }
        return new MemberStatus(node, true, priority, false, claims);
    }
}
