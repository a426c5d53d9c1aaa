package dev.ballast.cluster.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssignmentModeTest {

    @Test
    void activePassiveGivesEveryVipToThePrimary() {
        AssignmentMode.Assignment assignment = AssignmentMode.ACTIVE_PASSIVE.assign(
                new SnapshotBuilder().member("a", 1).member("b", 2).build(), List.of("v4", "v6"));
        assertThat(assignment.vipsOf("b")).containsExactly("v4", "v6");
        assertThat(assignment.vipsOf("a")).isEmpty();
        assertThat(assignment.reason()).startsWith("primary b");
    }

    @Test
    void activeActiveSpreadsThem() {
        AssignmentMode.Assignment assignment = AssignmentMode.ACTIVE_ACTIVE.assign(
                new SnapshotBuilder().member("a", 1).member("b", 1).build(), List.of("v1", "v2"));
        assertThat(assignment.vipsOf("a")).containsExactly("v1");
        assertThat(assignment.vipsOf("b")).containsExactly("v2");
    }
}
