package dev.ballast.node.balance;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.ballast.node.balance.Fixtures.picks;
import static dev.ballast.node.balance.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

class RoundRobinTest {

    @Test
    void picksTheSmoothWeightedSequenceOfNginx() {
        Server a = server("a", 5, 0);
        Server b = server("b", 1, 0);
        Server c = server("c", 1, 0);
        RoundRobin rr = new RoundRobin(List.of(a, b, c));

        assertThat(picks(rr, 14)).isEqualTo("a a b a c a a a a b a c a a");
    }

    @Property(tries = 200)
    void everyWindowOfTotalWeightPicksGiveEachServerExactlyItsWeight(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 12) Integer> weights,
            @ForAll @IntRange(min = 0, max = 200) int offset) {
        List<Server> servers = Fixtures.servers(weights.stream().mapToInt(Integer::intValue).toArray());
        RoundRobin rr = new RoundRobin(servers);
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < offset; i++) {
            rr.pick(null, null);
        }

        Map<Server, Integer> counts = new HashMap<>();
        for (int i = 0; i < total; i++) {
            counts.merge(rr.pick(null, null), 1, Integer::sum);
        }

        for (Server server : servers) {
            assertThat(counts.get(server)).as(server.name()).isEqualTo(server.weight());
        }
    }

    @Test
    void aWeightChangedAtRunTimeTakesEffectWithoutResettingTheOthers() {
        List<Server> servers = Fixtures.servers(1, 1);
        RoundRobin rr = new RoundRobin(servers);
        assertThat(picks(rr, 4)).isEqualTo("s000 s001 s000 s001");

        servers.get(1).weight(3);
        rr.weightChanged(servers.get(1));

        Map<String, Integer> counts = counts(rr, 40);
        assertThat(counts).containsEntry("s000", 10).containsEntry("s001", 30);
    }

    @Test
    void weightZeroGetsNoNewRequests() {
        List<Server> servers = Fixtures.servers(2, 0, 1);
        RoundRobin rr = new RoundRobin(servers);

        assertThat(counts(rr, 30)).containsOnlyKeys("s000", "s002");
    }

    @Test
    void skipsTheServerToAvoidAndServersAtTheirMaxconn() {
        Server full = server("a", 1, 1);
        Server free = server("b", 1, 0);
        RoundRobin rr = new RoundRobin(List.of(full, free));
        full.requestStarted();

        for (int i = 0; i < 10; i++) {
            assertThat(rr.pick(null, null)).isSameAs(free);
        }
        assertThat(rr.pick(null, free)).isNull();
    }

    @Test
    void serversGoingDownAndUpLeaveAndRejoinTheCycle() {
        List<Server> servers = Fixtures.servers(1, 1, 1);
        RoundRobin rr = new RoundRobin(servers);
        rr.serverDown(servers.get(1));
        assertThat(counts(rr, 20)).containsOnlyKeys("s000", "s002");

        rr.serverUp(servers.get(1));
        assertThat(counts(rr, 30)).containsEntry("s000", 10).containsEntry("s001", 10).containsEntry("s002", 10);

        servers.forEach(rr::serverDown);
        assertThat(rr.pick(null, null)).isNull();
    }

    static Map<String, Integer> counts(Balancer balancer, int picks) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            Server picked = balancer.pick(TestRequest.fromClient("10.1.2." + (i % 250)), null);
            counts.merge(picked == null ? "-" : picked.name(), 1, Integer::sum);
        }
        return counts;
    }
}
