package dev.ballast.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One failover of the compose pair as a sticky client of the VIP sees it: the client takes the sticky cookie from the
 * primary and sends requests with it on new connections every 20 ms while the primary is disrupted.
 */
final class StickyFailover {

    /** A request to the VIP of a dead node fails fast, so the gap is measured finely. */
    private static final HttpProbe FAST_PROBE = new HttpProbe(Duration.ofMillis(300), Duration.ofSeconds(1));
    /** Failure detection and the claim take a second or so; a loaded machine, more. */
    private static final Duration SETTLE = Duration.ofMinutes(1);

    private StickyFailover() {
    }

    /**
     * Disrupts the primary with {@code disrupt} and checks that the VIP moves to {@code standby}, that traffic flows
     * again within {@code gapBound}, that requests did fail (none would mean the VIP never left the disrupted node)
     * and that every response, before and after, came from the sticky server. Prints what the client saw.
     */
    static OutageMeter check(ComposePair pair, String what, Runnable disrupt, String standby, Duration gapBound)
            throws Exception {
        HttpProbe.Response first = HttpProbe.PATIENT.get(pair.vipAddress(), "/", Optional.empty());
        assertThat(first.setCookie()).as("the primary inserts the sticky cookie").isPresent();
        String cookie = first.setCookie().orElseThrow().split(";", 2)[0];

        ClientLoop client = new ClientLoop(FAST_PROBE, pair.vipAddress(), Optional.of(cookie), Duration.ofMillis(20),
                Duration.ofMinutes(3), 10_000).start();
        try {
            await("the client reaches the VIP").atMost(1, TimeUnit.MINUTES)
                    .until(() -> client.meter().successesAfterLastFailure() >= 20);
            disrupt.run();
            pair.awaitVipHolders(Set.of(standby), SETTLE, standby + " holds the VIP after " + what);
            await("traffic flows through " + standby + " after " + what + ", after at least one failed request (none "
                    + "would mean the VIP never left)").atMost(SETTLE)
                    .until(() -> client.meter().failures() > 0 && client.meter().successesAfterLastFailure() >= 50);
        } finally {
            client.close();
        }
        OutageMeter meter = client.meter();
        System.out.printf("compose e2e: %s -> %s: %s, answered by %s%n", what, standby, meter, client.answeredBy());
        assertThat(meter.unboundedFailures()).as("%s", meter).isFalse();
        assertThat(meter.longestGap()).as("longest gap after %s: %s", what, meter).isLessThan(gapBound);
        assertThat(client.answeredBy().keySet()).as("servers that answered the sticky client before and after %s",
                what).containsExactly(first.backend());
        return meter;
    }
}
