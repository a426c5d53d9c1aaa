package dev.ballast.node.cluster;

import dev.ballast.cluster.vip.VipBackend;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class HandoverLingerTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final VipBackend recording = new VipBackend() {
        @Override
        public void acquire(String vip) {
            calls.add("acquire " + vip);
        }

        @Override
        public void release(String vip) {
            calls.add("release " + vip);
        }

        @Override
        public void reassert(String vip) {
            calls.add("reassert " + vip);
        }
    };

    @Test
    void aNodeThatCouldKeepServingReleasesOnlyAfterTheLinger() throws Exception {
        HandoverLinger linger = new HandoverLinger(recording, Duration.ofMillis(200), () -> true);

        long start = System.nanoTime();
        linger.release("10.0.0.100/24");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(calls).containsExactly("release 10.0.0.100/24");
    }

    @Test
    void aNodeThatMustDropTheVipReleasesAtOnce() throws Exception {
        HandoverLinger linger = new HandoverLinger(recording, Duration.ofMinutes(10), () -> false);

        long start = System.nanoTime();
        linger.release("10.0.0.100/24");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
        assertThat(calls).containsExactly("release 10.0.0.100/24");
    }

    @Test
    void acquireAndReassertAreNeverDelayed() throws Exception {
        HandoverLinger linger = new HandoverLinger(recording, Duration.ofMinutes(10), () -> true);

        linger.acquire("10.0.0.100/24");
        linger.reassert("10.0.0.100/24");

        assertThat(calls).containsExactly("acquire 10.0.0.100/24", "reassert 10.0.0.100/24");
    }
}
