package dev.ballast.cluster.vip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VipControllerTest {

    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void releasesLeftoversAtStartThenFollowsTheElection() throws Exception {
        RecordingBackend backend = new RecordingBackend(0);
        try (VipController controller = new VipController(backend, List.of("v1", "v2"), LONG, 3, Duration.ZERO,
                LONG)) {
            controller.start();
            controller.vipsChanged(Set.of("v1", "v2"), Map.of(), "elected");
            controller.vipsChanged(Set.of("v2"), Map.of(), "v1 moved");
            controller.vipsChanged(Set.of(), Map.of(), "standby");
        }
        assertThat(backend.calls).containsExactly(
                "release v1", "release v2", "acquire v1", "acquire v2", "release v1", "release v2");
    }

    @Test
    void newVipsAreAcquiredBeforeOldOnesAreReleased() throws Exception {
        RecordingBackend backend = new RecordingBackend(0);
        try (VipController controller = new VipController(backend, List.of(), LONG, 1, Duration.ZERO, LONG)) {
            controller.vipsChanged(Set.of("b"), Map.of(), "first");
            controller.vipsChanged(Set.of("a"), Map.of(), "rebalanced");
        }
        assertThat(backend.calls).containsExactly("acquire b", "acquire a", "release b");
    }

    @Test
    void failedAcquireIsRetriedAndThenRetriedAgainByTheReassertLoop() throws Exception {
        RecordingBackend backend = new RecordingBackend(3);
        try (VipController controller = new VipController(backend, List.of(), Duration.ofMillis(50), 2,
                Duration.ZERO, LONG)) {
            controller.start();
            controller.vipsChanged(Set.of("v1"), Map.of(), "elected");
            // 2 failed tries, then the reassert loop: 1 more failure, then success, then plain reasserts.
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.calls.contains("reassert v1"));
        }
        assertThat(backend.calls.subList(0, 4)).containsExactly("acquire v1", "acquire v1", "acquire v1", "acquire v1");
        assertThat(backend.calls.subList(4, backend.calls.size())).containsOnly("reassert v1");
    }

    @Test
    void aVipHandedOverIsAcquiredFromItsFormerOwnerAndTheHandoverEndsAfterTheHandoverTime() throws Exception {
        RecordingBackend backend = new RecordingBackend(0);
        InetAddress formerOwner = InetAddress.getByName("10.0.0.11");
        try (VipController controller = new VipController(backend, List.of(), LONG, 1, Duration.ZERO,
                Duration.ofMillis(200))) {
            controller.vipsChanged(Set.of("v1", "v2"), Map.of("v1", formerOwner), "promote");
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.calls.contains("end handover v1"));
        }
        assertThat(backend.calls).containsExactly("acquire v1 from 10.0.0.11", "acquire v2", "end handover v1");
    }

    @Test
    void aReleaseEndsTheHandoverSoThatItsEndCannotCutALaterHandoverShort() throws Exception {
        RecordingBackend backend = new RecordingBackend(0);
        InetAddress a = InetAddress.getByName("10.0.0.11");
        InetAddress c = InetAddress.getByName("10.0.0.13");
        try (VipController controller = new VipController(backend, List.of(), LONG, 1, Duration.ZERO,
                Duration.ofSeconds(1))) {
            controller.vipsChanged(Set.of("v"), Map.of("v", a), "promote");
            controller.vipsChanged(Set.of(), Map.of(), "promoted back");
            controller.vipsChanged(Set.of("v"), Map.of("v", c), "promote again");
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.calls.contains("end handover v"));
            await("no second end").during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(10))
                    .until(() -> backend.calls.stream().filter(call -> call.equals("end handover v")).count() == 1);
        }
        assertThat(backend.calls).containsExactly(
                "acquire v from 10.0.0.11", "release v", "acquire v from 10.0.0.13", "end handover v");
    }
}
