package dev.ballast.node.balance;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LeastConnectionsTest {

    /**
     * Under a random mix of taken and released requests, weight changes, servers going down and up and maxconn
     * limits, every pick has the least (in-flight + 1) ÷ weight of the servers that could take the request.
     */
    @Property(tries = 200)
    void alwaysPicksAServerWithTheLeastWeightedLoad(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 10) Integer> weights,
            @ForAll long seed) {
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            servers.add(Fixtures.server("s" + i, weights.get(i), i % 5 == 0 ? 3 : 0));
        }
        LeastConnections lc = new LeastConnections(servers);
        Set<Server> up = new HashSet<>(servers);
        List<Server> inFlight = new ArrayList<>();
        Random random = new Random(seed);

        for (int step = 0; step < 300; step++) {
            Server avoid = random.nextInt(10) == 0 ? servers.get(random.nextInt(servers.size())) : null;
            Server picked = lc.pick(null, avoid);
            assertIsALeastLoadedCandidate(picked, up, avoid);
            if (picked != null) {
                picked.requestStarted();
                lc.connectionTaken(picked);
                inFlight.add(picked);
            }
            int action = random.nextInt(10);
            Server some = servers.get(random.nextInt(servers.size()));
            if (action < 4 && !inFlight.isEmpty()) {
                Server done = inFlight.remove(random.nextInt(inFlight.size()));
                done.requestEnded();
                lc.connectionReleased(done);
            } else if (action == 4) {
                some.weight(random.nextInt(11));
                lc.weightChanged(some);
            } else if (action == 5 && up.remove(some)) {
                lc.serverDown(some);
            } else if (action == 6 && up.add(some)) {
                lc.serverUp(some);
            }
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

        List<Server> picked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Server server = lc.pick(null, null);
            picked.add(server);
            server.requestStarted();
            lc.connectionTaken(server);
            server.requestEnded();
            lc.connectionReleased(server);
        }
        assertThat(picked.subList(0, 4)).containsExactlyInAnyOrderElementsOf(servers);
        assertThat(picked.subList(4, 8)).containsExactlyElementsOf(picked.subList(0, 4));
    }

    @Test
    void heavierServersTakeProportionallyMoreRequests() {
        List<Server> servers = Fixtures.servers(1, 3);
        LeastConnections lc = new LeastConnections(servers);
        for (int i = 0; i < 40; i++) {
            Server server = lc.pick(null, null);
            server.requestStarted();
            lc.connectionTaken(server);
        }
        assertThat(servers.get(0).inFlight()).isEqualTo(10);
        assertThat(servers.get(1).inFlight()).isEqualTo(30);
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
        lc.serverDown(avoided);
        lc.serverDown(busy);
        assertThat(lc.pick(null, null)).isNull();
    }

    private static void assertIsALeastLoadedCandidate(Server picked, Set<Server> up, Server avoid) {
        List<Server> candidates = up.stream()
                .filter(s -> s != avoid && s.weight() > 0 && !s.isFull())
                .toList();
        if (candidates.isEmpty()) {
            assertThat(picked).isNull();
            return;
        }
        assertThat(candidates).contains(picked);
        for (Server other : candidates) {
            assertThat(load(picked)).isLessThanOrEqualTo(load(other));
        }
    }

    private static double load(Server server) {
        return (server.inFlight() + 1) / (double) server.weight();
    }
}
