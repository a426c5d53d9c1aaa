package dev.ballast.cluster.vip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VipControllerTest {

    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void releasesLeftoversAtStartThenFollowsTheElection() throws Exception {
        RecordingBackend backend = new RecordingBackend(0);
        try (VipController controller = new VipController(backend, List.of("v1", "v2"), LONG, 3, Duration.ZERO)) {
            controller.start();
            controller.vipsChanged(Set.of("v1", "v2"), "elected");
            controller.vipsChanged(Set.of("v2"), "v1 moved");
            controller.vipsChanged(Set.of(), "standby");
        }
        assertThat(backend.calls).containsExactly(
                "release v1", "release v2", "acquire v1", "acquire v2", "release v1", "release v2");
    }

    @Test
    void newVipsAreAcquiredBeforeOldOnesAreReleased() throws Exception {
        RecordingBackend backend = new RecordingBackend(0);
        try (VipController controller = new VipController(backend, List.of(), LONG, 1, Duration.ZERO)) {
            controller.vipsChanged(Set.of("b"), "first");
            controller.vipsChanged(Set.of("a"), "rebalanced");
        }
        assertThat(backend.calls).containsExactly("acquire b", "acquire a", "release b");
    }

    @Test
    void failedAcquireIsRetriedAndThenRetriedAgainByTheReassertLoop() throws Exception {
        RecordingBackend backend = new RecordingBackend(3);
        try (VipController controller = new VipController(backend, List.of(), Duration.ofMillis(50), 2,
                Duration.ZERO)) {
            controller.start();
            controller.vipsChanged(Set.of("v1"), "elected");
            // 2 failed tries, then the reassert loop: 1 more failure, then success, then plain reasserts.
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.calls.contains("reassert v1"));
        }
        assertThat(backend.calls.subList(0, 4)).containsExactly("acquire v1", "acquire v1", "acquire v1", "acquire v1");
        assertThat(backend.calls.subList(4, backend.calls.size())).containsOnly("reassert v1");
    }
}
