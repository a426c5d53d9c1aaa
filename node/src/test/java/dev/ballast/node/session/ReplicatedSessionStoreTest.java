package dev.ballast.node.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.cluster.replication.HybridClock;
import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.ReplicationHub;
import dev.ballast.cluster.replication.TableSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes' session stores over tables wired to each other in memory. */
class ReplicatedSessionStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_IDLE = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();
    private final ReplicationHub[] hubs = new ReplicationHub[2];
    private final ReplicatedTable tableA;
    private final ReplicatedTable tableB;

    ReplicatedSessionStoreTest() {
        hubs[0] = new ReplicationHub("a", new HybridClock(clock::millis), payload -> hubs[1].receive("a", payload, 0,
                payload.length));
        hubs[1] = new ReplicationHub("b", new HybridClock(clock::millis), payload -> hubs[0].receive("b", payload, 0,
                payload.length));
        tableA = hubs[0].register(TableSettings.of("sticky-sessions", 10_000));
        tableB = hubs[1].register(TableSettings.of("sticky-sessions", 10_000));
        hubs[0].start();
        hubs[1].start();
    }

    @AfterEach
    void close() {
        hubs[0].close();
        hubs[1].close();
    }

    private ReplicatedSessionStore store(ReplicatedTable table, String backend, Duration maxLife) {
        return new ReplicatedSessionStore(table, backend, MAX_IDLE, maxLife, clock);
    }

    @Test
    void aSessionCreatedOnOneNodeIsUsedOnAnotherAndAReStickReplicatesAtOnce() {
        ReplicatedSessionStore a = store(tableA, "web", Duration.ZERO);
        ReplicatedSessionStore b = store(tableB, "web", Duration.ZERO);
        StickySession created = a.put("web/10.0.0.1", "s1");
        await().atMost(WAIT).until(() -> b.get("web/10.0.0.1") != null);
        assertThat(b.touch("web/10.0.0.1")).isEqualTo(created);

        clock.advance(Duration.ofSeconds(1));
        b.put("web/10.0.0.1", "s2");
        await().atMost(WAIT).until(() -> a.get("web/10.0.0.1").serverName().equals("s2"));
    }

    @Test
    void usesReplicateOnlyOnceOlderThanAQuarterOfMaxIdle() {
        ReplicatedSessionStore a = store(tableA, "web", Duration.ZERO);
        ReplicatedSessionStore b = store(tableB, "web", Duration.ZERO);
        StickySession created = a.put("web/c", "s1");
        await().atMost(WAIT).until(() -> b.get("web/c") != null);

        clock.advance(Duration.ofSeconds(5));
        a.touch("web/c");
        assertThat(tableA.stats().pending()).isZero();
        assertThat(b.get("web/c").lastUsedMillis()).isEqualTo(created.lastUsedMillis());

        clock.advance(Duration.ofSeconds(11)); // 16 s after the last replicated use: more than 60 s / 4
        StickySession used = a.touch("web/c");
        await().atMost(WAIT).until(() -> b.get("web/c").lastUsedMillis() == used.lastUsedMillis());
    }

    @Test
    void sessionsExpireOnEveryNodeAtTheSameTime() {
        ReplicatedSessionStore a = store(tableA, "web", Duration.ofSeconds(90));
        ReplicatedSessionStore b = store(tableB, "web", Duration.ofSeconds(90));
        a.put("web/idle", "s1");
        a.put("web/busy", "s2");
        await().atMost(WAIT).until(() -> b.get("web/idle") != null && b.get("web/busy") != null);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(20));
            b.touch("web/busy");
        }
        await().atMost(WAIT).until(() -> tableA.get("web/busy").lastUsedMillis() >= clock.millis() - 20_000);
        assertThat(a.get("web/idle")).as("idle for 80 s").isNull();
        assertThat(b.get("web/idle")).isNull();
        assertThat(a.get("web/busy")).isNotNull();

        clock.advance(Duration.ofSeconds(10)); // 90 s old: max-life is over, used or not
        assertThat(a.get("web/busy")).isNull();
        assertThat(b.touch("web/busy")).isNull();
    }

    @Test
    void expiringASessionRemovesItEverywhere() {
        ReplicatedSessionStore a = store(tableA, "web", Duration.ZERO);
        ReplicatedSessionStore b = store(tableB, "web", Duration.ZERO);
        a.put("web/c", "s1");
        await().atMost(WAIT).until(() -> b.get("web/c") != null);
        assertThat(b.expire("web/c")).isTrue();
        await().atMost(WAIT).until(() -> a.get("web/c") == null);
        assertThat(a.expire("web/c")).isFalse();
    }

    @Test
    void eachBackendsStoreCountsItsOwnSessions() {
        ReplicatedSessionStore web = store(tableA, "web", Duration.ZERO);
        ReplicatedSessionStore api = store(tableA, "api", Duration.ZERO);
        web.put("web/1", "s1");
        web.put("web/2", "s1");
        api.put("api/1", "s1");
        assertThat(web.size()).isEqualTo(2);
        assertThat(api.size()).isEqualTo(1);
    }
}
