package dev.ballast.node.cluster;

import dev.ballast.cluster.vip.VipBackend;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
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
        public void acquireFrom(String vip, InetAddress formerOwner) {
            calls.add("acquire " + vip + " from " + formerOwner.getHostAddress());
        }

        @Override
        public void endHandover(String vip) {
            calls.add("end handover " + vip);
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
    private final ClientDrain drain = (address, max) -> {
        calls.add("drain " + address.getHostAddress() + " within " + max.toMillis() + " ms");
        return 0;
    };

    @Test
    void aHandoverKeepsTheVipForTheLingerThenDrainsItsConnectionsThenReleases() throws Exception {
        HandoverLinger linger = new HandoverLinger(recording, Duration.ofMillis(200), drain, Duration.ofSeconds(2),
                () -> true);

        long start = System.nanoTime();
        linger.release("10.0.0.100/24");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(calls).containsExactly("drain 10.0.0.100 within 2000 ms", "release 10.0.0.100/24");
    }

    @Test
    void theDrainStartsOnlyAfterTheLinger() throws Exception {
        long start = System.nanoTime();
        List<Long> drainedAfterNanos = new CopyOnWriteArrayList<>();
        HandoverLinger linger = new HandoverLinger(recording, Duration.ofMillis(200), (address, max) -> {
            drainedAfterNanos.add(System.nanoTime() - start);
            return 0;
        }, Duration.ofSeconds(2), () -> true);

        linger.release("10.0.0.100/24");

        assertThat(drainedAfterNanos).singleElement()
                .satisfies(nanos -> assertThat(Duration.ofNanos(nanos)).isGreaterThanOrEqualTo(Duration.ofMillis(200)));
    }

    @Test
    void connectionsStillOpenAfterTheDrainDoNotKeepTheVip() throws Exception {
        HandoverLinger linger = new HandoverLinger(recording, Duration.ZERO, (address, max) -> 3,
                Duration.ofMillis(10), () -> true);

        linger.release("10.0.0.100/24");

        assertThat(calls).containsExactly("release 10.0.0.100/24");
    }

    @Test
    void anIpv6VipIsDrainedByItsAddress() throws Exception {
        HandoverLinger linger = new HandoverLinger(recording, Duration.ZERO, drain, Duration.ofSeconds(1), () -> true);

        linger.release("fd00::100/64");

        assertThat(calls).first().isEqualTo("drain " + InetAddress.getByName("fd00::100").getHostAddress()
                + " within 1000 ms");
    }

    @Test
    void aNodeThatMustDropTheVipReleasesAtOnceWithoutDraining() throws Exception {
        HandoverLinger linger = new HandoverLinger(recording, Duration.ofMinutes(10), drain, Duration.ofMinutes(10),
                () -> false);

        long start = System.nanoTime();
        linger.release("10.0.0.100/24");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
        assertThat(calls).containsExactly("release 10.0.0.100/24");
    }

    @Test
    void acquireHandoverAndReassertAreNeverDelayed() throws Exception {
        HandoverLinger linger = new HandoverLinger(recording, Duration.ofMinutes(10), drain, Duration.ofMinutes(10),
                () -> true);

        linger.acquire("10.0.0.100/24");
        linger.acquireFrom("10.0.0.101/24", InetAddress.getByName("10.0.0.11"));
        linger.endHandover("10.0.0.101/24");
        linger.reassert("10.0.0.100/24");

        assertThat(calls).containsExactly("acquire 10.0.0.100/24", "acquire 10.0.0.101/24 from 10.0.0.11",
                "end handover 10.0.0.101/24", "reassert 10.0.0.100/24");
    }
}
