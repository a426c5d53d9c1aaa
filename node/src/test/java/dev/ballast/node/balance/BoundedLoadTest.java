package dev.ballast.node.balance;

import dev.ballast.node.config.BalanceConfig.HashKey;
import dev.ballast.node.config.BalanceConfig.HashMethod;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLoadTest {

    /**
     * Skewed keys (a few hot keys take most requests) with random completions: after every pick, the chosen server
     * carries at most ceil(factor × total in flight ÷ servers).
     */
    @Property(tries = 40)
    void noServerEverExceedsItsCap(@ForAll @IntRange(min = 2, max = 12) int n,
            @ForAll @DoubleRange(min = 1.0, max = 2.0) double factor, @ForAll boolean maglev, @ForAll long seed) {
        List<Server> servers = Fixtures.servers(HashingTest.equalWeights(n));
        HashMethod method = maglev ? HashMethod.MAGLEV : HashMethod.RING;
        Balancer balancer = Balancers.create(Fixtures.hash(method, HashKey.PATH, 100, factor), servers);
        Random random = new Random(seed);
        List<Server> inFlight = new ArrayList<>();

        for (int step = 0; step < 2_000; step++) {
            String key = random.nextInt(10) < 8 ? "/hot" + random.nextInt(2) : "/cold" + random.nextInt(1000);
            Server picked = balancer.pick(TestRequest.forPath(key), null);
            picked.requestStarted();
            balancer.connectionTaken(picked);
            inFlight.add(picked);
            int cap = (int) Math.ceil(factor * inFlight.size() / n);
            assertThat(picked.inFlight()).isLessThanOrEqualTo(cap);
            if (random.nextInt(3) == 0 && !inFlight.isEmpty()) {
                Server done = inFlight.remove(random.nextInt(inFlight.size()));
                done.requestEnded();
                balancer.connectionReleased(done);
            }
        }
    }

    @Test
    void aKeyStaysOnItsServerWhileThatServerIsBelowItsCap() {
        List<Server> servers = Fixtures.servers(HashingTest.equalWeights(4));
        Balancer balancer = Balancers.create(Fixtures.hash(HashMethod.MAGLEV, HashKey.PATH, 100, 1.25), servers);
        Server home = balancer.pick(TestRequest.forPath("/k"), null);
        for (Server server : servers) {
            server.requestStarted();
            balancer.connectionTaken(server);
        }

        assertThat(balancer.pick(TestRequest.forPath("/k"), null)).isSameAs(home);
    }

    @Test
    void refusesAFactorBelowOne() {
        assertThatThrownBy(() -> BoundedLoad.of(Optional.of(0.9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
    }
}
