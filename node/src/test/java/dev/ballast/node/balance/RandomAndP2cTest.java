package dev.ballast.node.balance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.ballast.node.balance.RoundRobinTest.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RandomAndP2cTest {

    @Test
    void randomDrawsInProportionToWeight() {
        List<Server> servers = Fixtures.servers(1, 2, 5, 0);
        var counts = counts(new WeightedRandom(servers), 80_000);

        assertThat(counts).doesNotContainKey("s003");
        assertThat(counts.get("s000") / 80_000.0).isCloseTo(1 / 8.0, within(0.01));
        assertThat(counts.get("s001") / 80_000.0).isCloseTo(2 / 8.0, within(0.01));
        assertThat(counts.get("s002") / 80_000.0).isCloseTo(5 / 8.0, within(0.01));
    }

    @Test
    void randomAndP2cFindTheLastFreeServer() {
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Server s = Fixtures.server("s" + i, 1, 1);
            servers.add(s);
            if (i != 13) {
                s.requestStarted();
            }
        }
        for (Balancer balancer : List.of(new WeightedRandom(servers), new PowerOfTwoChoices(servers))) {
            for (int i = 0; i < 50; i++) {
                assertThat(balancer.pick(null, null)).isSameAs(servers.get(13));
            }
            assertThat(balancer.pick(null, servers.get(13))).isNull();
        }
    }

    @Test
    void p2cPrefersTheLessLoadedOfItsTwoDraws() {
        List<Server> servers = Fixtures.servers(1, 1);
        for (int i = 0; i < 10; i++) {
            servers.get(0).requestStarted();
        }
        PowerOfTwoChoices p2c = new PowerOfTwoChoices(servers);

        for (int i = 0; i < 100; i++) {
            assertThat(p2c.pick(null, null)).isSameAs(servers.get(1));
        }
    }

    /**
     * The same simulated load on both: 3,000 steps, each starting 20 requests and then ending each in-flight
     * request with probability 0.1 (a seeded sequence), over 50 equal servers, so about 200 requests are in flight
     * (4 per server on average). The figure is the peak server's in-flight count over the mean, averaged over time.
     */
    @Test
    void p2cKeepsThePeakLoadFarCloserToTheMeanThanRandom() {
        double random = peakOverMean(new WeightedRandom(Fixtures.servers(ones(50))));
        double p2c = peakOverMean(new PowerOfTwoChoices(Fixtures.servers(ones(50))));

        // Seen here: random 2.38, p2c 1.62.
        assertThat(p2c).as("p2c %.2f vs random %.2f", p2c, random).isLessThan(0.8 * random).isLessThan(1.9);
    }

    private static double peakOverMean(MembershipBalancer balancer) {
        List<Server> servers = new ArrayList<>();
        Random completions = new Random(42);
        List<Server> inFlight = new ArrayList<>();
        double sumOfRatios = 0;
        int samples = 0;
        for (int step = 0; step < 3_000; step++) {
            for (int arrival = 0; arrival < 20; arrival++) {
                Server picked = balancer.pick(null, null);
                if (!servers.contains(picked)) {
                    servers.add(picked);
                }
                picked.requestStarted();
                inFlight.add(picked);
            }
            for (int i = inFlight.size() - 1; i >= 0; i--) {
                if (completions.nextDouble() < 0.1) {
                    inFlight.remove(i).requestEnded();
                }
            }
            if (step >= 200) {
                int max = 0;
                for (Server s : servers) {
                    max = Math.max(max, s.inFlight());
                }
                sumOfRatios += max / (inFlight.size() / 50.0);
                samples++;
            }
        }
        return sumOfRatios / samples;
    }

    private static int[] ones(int n) {
        int[] weights = new int[n];
        Arrays.fill(weights, 1);
        return weights;
    }
}
