package dev.ballast.node.balance;

import dev.ballast.node.config.BalanceConfig;
import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.BalanceConfig.HashKey;
import dev.ballast.node.config.BalanceConfig.HashMethod;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ring and Maglev consistent hashing, and source hashing. */
class HashingTest {

    private static final HashKeyExtractor BY_PATH = RequestContext::path;

    @Property(tries = 25)
    void maglevGivesEqualWeightsEntryCountsThatDifferByAtMostOne(@ForAll @IntRange(min = 1, max = 100) int n) {
        MaglevHash maglev = maglev(Fixtures.servers(equalWeights(n)));
        int[] perServer = entriesPerServer(maglev.build(Fixtures.servers(equalWeights(n))), n);

        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int count : perServer) {
            min = Math.min(min, count);
            max = Math.max(max, count);
        }
        assertThat(max - min).isLessThanOrEqualTo(1);
    }

    @Property(tries = 30)
    void removingOneOfNMaglevServersMovesAllItsKeysAndAtMostOnePercentOfTheOthers(
            @ForAll @IntRange(min = 2, max = 100) int n, @ForAll @IntRange(min = 0, max = 99) int which) {
        List<Server> servers = Fixtures.servers(equalWeights(n));
        Server removed = servers.get(which % n);
        MaglevHash maglev = maglev(servers);
        assertThat(maglev.tableSize()).isEqualTo(65537);
        HashLookup before = maglev.build(servers);
        List<Server> remaining = new ArrayList<>(servers);
        remaining.remove(removed);
        HashLookup after = maglev.build(remaining);

        int othersEntries = 0;
        int othersMoved = 0;
        for (int entry = 0; entry < before.sequence.length; entry++) {
            Server was = before.servers[before.sequence[entry]];
            Server now = after.servers[after.sequence[entry]];
            assertThat(now).isNotSameAs(removed);
            if (was != removed) {
                othersEntries++;
                if (now != was) {
                    othersMoved++;
                }
            }
        }
        assertThat(othersMoved).isLessThanOrEqualTo(othersEntries / 100);
    }

    @Test
    void maglevEntriesFollowWeights() {
        List<Server> servers = Fixtures.servers(1, 2, 3);
        int[] perServer = entriesPerServer(maglev(servers).build(servers), 3);

        assertThat(perServer[1] / (double) perServer[0]).isBetween(1.95, 2.05);
        assertThat(perServer[2] / (double) perServer[0]).isBetween(2.95, 3.05);
    }

    @Test
    void maglevTableIsAPrimeOfAtLeastAHundredEntriesPerServer() {
        assertThat(MaglevHash.tableSize(65537, 10)).isEqualTo(65537);
        assertThat(MaglevHash.tableSize(65537, 1000)).isEqualTo(100003);
        assertThat(MaglevHash.tableSize(1000, 3)).isEqualTo(1009);
    }

    @Test
    void ringWithEnoughVirtualNodesKeepsTheBusiestOfTenServersBelow115PercentOfTheMean() {
        List<Server> servers = Fixtures.servers(equalWeights(10));
        RingHash ring = new RingHash(servers, BY_PATH, BoundedLoad.unbounded(), 1000);

        Map<Server, Integer> counts = new HashMap<>();
        int keys = 200_000;
        for (int i = 0; i < keys; i++) {
            counts.merge(ring.pick(TestRequest.forPath("/item/" + i), null), 1, Integer::sum);
        }

        double mean = keys / 10.0;
        assertThat(Collections.max(counts.values()) / mean).isLessThan(1.15);
    }

    @Property(tries = 20)
    void aRingKeyGoesToTheFirstPointAtOrAfterItsHashClockwise(@ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll long seed) {
        List<Server> servers = Fixtures.servers(equalWeights(n));
        RingHash ring = new RingHash(servers, BY_PATH, BoundedLoad.unbounded(), 7);
        RingHash.Ring lookup = (RingHash.Ring) ring.build(servers);
        int points = lookup.sequence.length;
        Random random = new Random(seed);

        for (int i = 0; i < 2_000; i++) {
            long hash = random.nextLong();
            long position = hash >>> 20 << 20;
            int entry = lookup.entryOf(hash);
            if (position > lookup.positionAt(points - 1)) {
                assertThat(entry).as("past the last point: wrap to the first").isZero();
            } else {
                assertThat(lookup.positionAt(entry)).isGreaterThanOrEqualTo(position);
                if (entry > 0) {
                    assertThat(lookup.positionAt(entry - 1)).isLessThan(position);
                }
            }
        }
    }

    @Test
    void consistentHashingMovesOnlyTheKeysOfARemovedServer() {
        for (HashMethod method : HashMethod.values()) {
            List<Server> servers = Fixtures.servers(equalWeights(8));
            Balancer balancer = Balancers.create(Fixtures.hash(method, HashKey.PATH, 200, null), servers);
            Map<String, Server> before = new HashMap<>();
            for (int i = 0; i < 5_000; i++) {
                before.put("/k" + i, balancer.pick(TestRequest.forPath("/k" + i), null));
            }
            Server removed = servers.get(3);
            balancer.serverDown(removed);

            int othersMoved = 0;
            for (var entry : before.entrySet()) {
                Server now = balancer.pick(TestRequest.forPath(entry.getKey()), null);
                assertThat(now).isNotSameAs(removed);
                if (entry.getValue() != removed && now != entry.getValue()) {
                    othersMoved++;
                }
            }
            assertThat(othersMoved).as(method.name()).isLessThanOrEqualTo(method == HashMethod.RING ? 0 : 50);
        }
    }

    @Test
    void everyNodeBuildsTheSameTableWhateverTheOrderOfTheServerList() {
        for (HashMethod method : HashMethod.values()) {
            List<Server> servers = Fixtures.servers(3, 1, 2, 5, 1);
            List<Server> shuffled = new ArrayList<>(Fixtures.servers(3, 1, 2, 5, 1));
            Collections.reverse(shuffled);
            Balancer one = Balancers.create(Fixtures.hash(method, HashKey.PATH, 50, null), servers);
            Balancer other = Balancers.create(Fixtures.hash(method, HashKey.PATH, 50, null), shuffled);

            for (int i = 0; i < 2_000; i++) {
                TestRequest request = TestRequest.forPath("/p" + i);
                assertThat(other.pick(request, null).name()).isEqualTo(one.pick(request, null).name());
            }
        }
    }

    @Test
    void hashesTheConfiguredKey() {
        List<Server> servers = Fixtures.servers(equalWeights(20));
        Balancer byHeader = Balancers.create(new BalanceConfig(Algorithm.HASH, HashKey.HEADER, Optional.of("X-User"),
                HashMethod.MAGLEV, 65537, 100, Optional.empty()), servers);
        TestRequest alice = new TestRequest("10.0.0.1", "/a", "", Map.of("X-User", "alice"), Map.of(), Map.of());
        TestRequest aliceElsewhere = new TestRequest("10.9.9.9", "/b", "x=1", Map.of("X-User", "alice"), Map.of(),
                Map.of());

        assertThat(byHeader.pick(aliceElsewhere, null)).isSameAs(byHeader.pick(alice, null));
        assertThatThrownBy(() -> HashKeyExtractor.of(HashKey.COOKIE, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cookie");
    }

    @Test
    void requestsWithoutTheKeyAreSpreadOverTheServers() {
        List<Server> servers = Fixtures.servers(equalWeights(4));
        Balancer byHeader = new MaglevHash(servers, request -> request.header("X-Missing"), BoundedLoad.unbounded(),
                65537, 4);

        assertThat(RoundRobinTest.counts(byHeader, 400)).hasSize(4);
    }

    @Test
    void sourceKeepsAClientOnOneServerAndSplitsClientsByWeight() {
        List<Server> servers = Fixtures.servers(1, 3);
        SourceHash source = new SourceHash(servers);
        Server first = source.pick(TestRequest.fromClient("192.0.2.7"), null);
        for (int i = 0; i < 100; i++) {
            assertThat(source.pick(TestRequest.fromClient("192.0.2.7"), null)).isSameAs(first);
        }

        Map<Server, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            counts.merge(source.pick(TestRequest.fromClient(address), null), 1, Integer::sum);
        }
        assertThat(counts.get(servers.get(1)) / 40_000.0).isBetween(0.73, 0.77);
    }

    @Test
    void aKeyWhoseServerIsFullOrAvoidedWalksOnToAnotherServer() {
        List<Server> servers = Fixtures.servers(equalWeights(5));
        MaglevHash maglev = maglev(servers);
        TestRequest request = TestRequest.forPath("/same");
        Server home = maglev.pick(request, null);

        Server other = maglev.pick(request, home);
        assertThat(other).isNotNull().isNotSameAs(home);
        assertThat(maglev.pick(request, home)).as("the walk is deterministic").isSameAs(other);
    }

    private static MaglevHash maglev(List<Server> servers) {
        return new MaglevHash(servers, BY_PATH, BoundedLoad.unbounded(), 65537, servers.size());
    }

    private static int[] entriesPerServer(HashLookup lookup, int n) {
        int[] counts = new int[n];
        for (int index : lookup.sequence) {
            counts[index]++;
        }
        return counts;
    }

    static int[] equalWeights(int n) {
        int[] weights = new int[n];
        Arrays.fill(weights, 1);
        return weights;
    }
}
