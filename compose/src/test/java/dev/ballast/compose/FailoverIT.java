package dev.ballast.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.Timeout;

/**
 * Failover of the compose pair, seen from the Docker host: exactly one node holds the VIP; docker kill of that
 * primary moves the VIP to the standby, traffic to the VIP flows again and the sticky session stays on its server;
 * the killed node, started again, comes back as standby and the VIP stays where it is. The gap is printed.
 *
 * <p>Run only when asked ({@code -Dballast.e2e.failover=true}): the nodes' cluster start-up is not reliable yet.
 * Observed here: both nodes founded a cluster of one ("no members discovered"), both claimed the VIP before the
 * start-up hold ended, and after the merge both kept it for minutes; once, a second node claimed it seconds after
 * the first at a load average of 5; a restarted node, or one that lost its peer's heartbeats under heavy load, came
 * back holding the VIP too. It passed on a quiet box (gaps 239 and 538 ms). Enable it in CI once that is fixed.
 */
@EnabledIfSystemProperty(named = "ballast.e2e.failover", matches = "true",
        disabledReason = "VIP failover end-to-end runs only with -Dballast.e2e.failover=true (see the class comment)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class FailoverIT {

    /** Patient: a loaded machine may be slow, and these requests must succeed. */
    private static final HttpProbe PROBE = new HttpProbe(Duration.ofSeconds(2), Duration.ofSeconds(10));
    /** The failover client's: a request to the VIP of a killed node fails fast, so the gap is measured finely. */
    private static final HttpProbe FAST_PROBE = new HttpProbe(Duration.ofMillis(300), Duration.ofSeconds(2));
    /** Far above the target (under 1 s, measured by compose/failover-demo): a loaded CI machine must not fail it. */
    private static final Duration GAP_BOUND = Duration.ofSeconds(10);

    private static ComposePair pair;
    private static String primary;

    @BeforeAll
    static void startPair() throws Exception {
        pair = ComposePair.start(Path.of(System.getProperty("ballast.home", "..")));
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    @Order(1)
    void exactlyOneNodeHoldsTheVipAndServesThroughIt() throws Exception {
        try {
            await("one node holds the VIP").atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> pair.vipHolders().size() == 1);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + pair.nodeLogs(), e);
        }
        primary = pair.vipHolders().iterator().next();
        for (int i = 0; i < 6; i++) {
            Set<String> holders = pair.vipHolders();
            if (!holders.equals(Set.of(primary))) {
                throw new AssertionError("VIP holders once settled: " + holders + ", expected only " + primary
                        + "\n" + pair.nodeLogs());
            }
            Thread.sleep(500);
        }

        Set<String> answered = new HashSet<>();
        await("the VIP answers with every backend").atMost(1, TimeUnit.MINUTES).ignoreExceptions().until(() -> {
            HttpProbe.Response response = PROBE.get(pair.vipAddress(), "/", Optional.empty());
            if (response.status() == 200) {
                answered.add(response.backend());
            }
            return answered.size() == ComposePair.BACKENDS.size();
        });
    }

    @Test
    @Order(2)
    void killingThePrimaryMovesTheVipToTheStandbyAndKeepsTheStickySession() throws Exception {
        assertThat(primary).as("a primary was found by the first test").isNotNull();
        String standby = primary.equals("lb1") ? "lb2" : "lb1";
        HttpProbe.Response first = PROBE.get(pair.vipAddress(), "/", Optional.empty());
        String cookie = first.setCookie().orElseThrow().split(";", 2)[0];

        ClientLoop client = new ClientLoop(FAST_PROBE, pair.vipAddress(), Optional.of(cookie), Duration.ofMillis(20),
                Duration.ofMinutes(3), 10_000).start();
        try {
            await("the client reaches the VIP").atMost(1, TimeUnit.MINUTES)
                    .until(() -> client.meter().successesAfterLastFailure() >= 20);
            pair.kill(primary);
            try {
                await(standby + " holds the VIP").atMost(1, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions().until(() -> pair.vipHolders().equals(Set.of(standby)));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + pair.nodeLogs(), e);
            }
            await("traffic flows through " + standby).atMost(1, TimeUnit.MINUTES)
                    .until(() -> client.meter().successesAfterLastFailure() >= 50);
        } finally {
            client.close();
        }
        OutageMeter meter = client.meter();
        System.out.printf("FailoverIT: docker kill %s -> %s: %s%n", primary, standby, meter);
        assertThat(meter.unboundedFailures()).as("%s", meter).isFalse();
        assertThat(meter.longestGap()).as("longest gap: %s", meter).isLessThan(GAP_BOUND);
        assertThat(meter.failures()).as("requests that failed while the VIP moved (none would mean it never "
                + "left the killed node's address): %s", meter).isPositive();
        Map<String, Integer> answeredBy = client.answeredBy();
        assertThat(answeredBy.keySet()).as("servers that answered the sticky client").containsExactly(first.backend());
        primary = standby;
    }

    @Test
    @Order(3)
    void theKilledNodeComesBackAsStandby() throws Exception {
        String former = primary.equals("lb1") ? "lb2" : "lb1";
        pair.startAgain(former);
        await(former + " proxies again").atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> PROBE.get(pair.nodeAddress(former), "/", Optional.empty()).status() == 200);
        // It holds back for a few seconds after joining (cluster README): watch long enough to see it decide.
        for (int i = 0; i < 15; i++) {
            Set<String> holders = pair.vipHolders();
            if (!holders.equals(Set.of(primary))) {
                throw new AssertionError("VIP holders after " + former + " came back: " + holders + ", expected only "
                        + primary + "\n" + pair.nodeLogs());
            }
            assertThat(PROBE.get(pair.vipAddress(), "/", Optional.empty()).status()).isEqualTo(200);
            Thread.sleep(1000);
        }
    }
}
