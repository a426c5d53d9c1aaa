package dev.ballast.cluster.election;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the configured VIPs are spread over the members of a view. */
public enum AssignmentMode {

    /** Every VIP belongs to the one primary chosen by {@link PrimaryElection}. */
    ACTIVE_PASSIVE {
        @Override
        public Assignment assign(ClusterSnapshot snapshot, List<String> vips) {
            PrimaryElection.Election election = PrimaryElection.elect(snapshot);
            Map<String, String> owners = new LinkedHashMap<>();
            election.primary().ifPresent(primary -> vips.forEach(vip -> owners.put(vip, primary)));
            return new Assignment(owners, election.primary().map(p -> "primary " + p + ": ").orElse("")
                    + election.reason());
        }
    },

    /** Each VIP belongs to exactly one member, spread evenly ({@link ActiveActiveAssignment}). */
    ACTIVE_ACTIVE {
        @Override
        public Assignment assign(ClusterSnapshot snapshot, List<String> vips) {
            Map<String, String> owners = ActiveActiveAssignment.assign(snapshot, vips);
            return new Assignment(owners, owners.isEmpty()
                    ? "no eligible member in view " + snapshot.view()
                    : "VIPs spread over eligible members: " + owners);
        }
    };

    public abstract Assignment assign(ClusterSnapshot snapshot, List<String> vips);

    /** VIP to owning node (VIPs without an eligible owner are absent) and why. */
    public record Assignment(Map<String, String> owners, String reason) {

        public Assignment {
            owners = Map.copyOf(owners);
        }

        public java.util.Set<String> vipsOf(String node) {
            java.util.Set<String> owned = new java.util.TreeSet<>();
            owners.forEach((vip, owner) -> {
                if (owner.equals(node)) {
                    owned.add(vip);
                }
            });
            return owned;
        }
    }
}
