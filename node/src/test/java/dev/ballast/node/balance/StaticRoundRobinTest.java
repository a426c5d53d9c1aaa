package dev.ballast.node.balance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ballast.node.balance.RoundRobinTest.counts;
import static org.assertj.core.api.Assertions.assertThat;

class StaticRoundRobinTest {

    @Test
    void followsTheWeightsItWasBuiltWith() {
        List<Server> servers = Fixtures.servers(3, 1);
        StaticRoundRobin rr = new StaticRoundRobin(servers, servers);

        assertThat(counts(rr, 40)).containsEntry("s000", 30).containsEntry("s001", 10);
    }

    @Test
    void ignoresRunTimeWeightChangesButHonoursWeightZero() {
        List<Server> servers = Fixtures.servers(3, 1);
        StaticRoundRobin rr = new StaticRoundRobin(servers, servers);

        servers.get(1).weight(9);
        rr.weightChanged(servers.get(1));
        assertThat(counts(rr, 40)).containsEntry("s000", 30).containsEntry("s001", 10);

        servers.get(0).weight(0);
        rr.weightChanged(servers.get(0));
        assertThat(counts(rr, 40)).containsOnlyKeys("s001");
    }

    @Test
    void aServerComingBackUpRejoinsWithItsStaticWeight() {
        List<Server> servers = Fixtures.servers(3, 1);
        StaticRoundRobin rr = new StaticRoundRobin(servers, List.of(servers.get(0)));
        assertThat(counts(rr, 8)).containsOnlyKeys("s000");

        servers.get(1).weight(5);
        rr.serverUp(servers.get(1));

        assertThat(counts(rr, 40)).containsEntry("s000", 30).containsEntry("s001", 10);
    }
}
