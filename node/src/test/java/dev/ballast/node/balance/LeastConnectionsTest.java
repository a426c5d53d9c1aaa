package dev.ballast.node.balance;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LeastConnectionsTest {

    @Property(tries = 300)
    void alwaysPicksAServerWithTheLeastWeightedLoad(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 10) Integer> weights,
            @ForAll @Size(min = 12, max = 12) List<@IntRange(min = 0, max = 30) Integer> inFlight) {
        List<Server> servers = Fixtures.servers(weights.stream().mapToInt(Integer::intValue).toArray());
        for (int i = 0; i < servers.size(); i++) {
            for (int r = 0; r < inFlight.get(i); r++) {
                servers.get(i).requestStarted();
            }
        }
        LeastConnections lc = new LeastConnections(servers);

        for (int round = 0; round < 20; round++) {
            Server picked = lc.pick(null, null);
            double pickedLoad = load(picked);
            for (Server other : servers) {
                assertThat(pickedLoad).isLessThanOrEqualTo(load(other));
            }
            picked.requestStarted();
        }
    }

    @Test
    void withEqualWeightsPicksAServerWithFewestRequestsInFlight() {
        List<Server> servers = Fixtures.servers(1, 1, 1);
        servers.get(0).requestStarted();
        servers.get(0).requestStarted();
        servers.get(2).requestStarted();
        LeastConnections lc = new LeastConnections(servers);

        assertThat(lc.pick(null, null)).isSameAs(servers.get(1));
    }

    @Test
    void breaksTiesRoundRobin() {
        List<Server> servers = Fixtures.servers(1, 1, 1, 1);
        LeastConnections lc = new LeastConnections(servers);

        Set<Server> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            seen.add(lc.pick(null, null));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(servers);
    }

    @Test
    void skipsWeightZeroFullAndAvoidedServers() {
        Server idleButZero = Fixtures.server("a", 0, 0);
        Server full = Fixtures.server("b", 1, 1);
        Server avoided = Fixtures.server("c", 1, 0);
        Server busy = Fixtures.server("d", 1, 0);
        full.requestStarted();
        for (int i = 0; i < 5; i++) {
            busy.requestStarted();
        }
        LeastConnections lc = new LeastConnections(List.of(idleButZero, full, avoided, busy));

        assertThat(lc.pick(null, avoided)).isSameAs(busy);
        assertThat(lc.pick(null, busy)).isSameAs(avoided);
    }

    private static double load(Server server) {
        return (server.inFlight() + 1) / (double) server.weight();
    }
}
