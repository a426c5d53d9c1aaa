package dev.ballast.node.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSessionStoreTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsBoundAndCountsIt() {
        LocalSessionStore store = new LocalSessionStore(3, Duration.ofMinutes(30), Duration.ZERO, clock);
        store.put("a", "s1");
        store.put("b", "s2");
        store.put("c", "s3");
        store.touch("a");

        store.put("d", "s4");

        assertThat(store.get("b")).isNull();
        assertThat(store.get("a")).isNotNull();
        assertThat(store.get("d").serverName()).isEqualTo("s4");
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.evictions()).isEqualTo(1);
    }

    @Test
    void largeStoresStayWithinTheirBound() {
        LocalSessionStore store = new LocalSessionStore(50_000, Duration.ofMinutes(30), Duration.ZERO, clock);
        for (int i = 0; i < 80_000; i++) {
            store.put("client-" + i, "s" + (i % 7));
        }

        assertThat(store.size()).isEqualTo(50_000);
        assertThat(store.evictions()).isEqualTo(30_000);
        assertThat(store.get("client-79999")).isNotNull();
    }

    @Test
    void forgetsSessionsIdleLongerThanMaxIdleButKeepsUsedOnes() {
        LocalSessionStore store = new LocalSessionStore(100, Duration.ofMinutes(10), Duration.ZERO, clock);
        store.put("idle", "s1");
        store.put("busy", "s2");

        for (int minute = 0; minute < 30; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(store.touch("busy")).isNotNull();
        }

        assertThat(store.get("idle")).isNull();
        assertThat(store.get("busy").serverName()).isEqualTo("s2");
    }

    @Test
    void forgetsSessionsOlderThanMaxLifeEvenIfUsed() {
        LocalSessionStore store = new LocalSessionStore(100, Duration.ofMinutes(10), Duration.ofHours(1), clock);
        StickySession created = store.put("k", "s1");
        for (int i = 0; i < 59; i++) {
            clock.advance(Duration.ofMinutes(1));
            store.touch("k");
        }
        assertThat(store.get("k").createdMillis()).isEqualTo(created.createdMillis());

        clock.advance(Duration.ofMinutes(1));
        assertThat(store.touch("k")).isNull();
    }

    @Test
    void getDoesNotCountAsUseButTouchDoes() {
        LocalSessionStore store = new LocalSessionStore(100, Duration.ofMinutes(10), Duration.ZERO, clock);
        store.put("k", "s1");
        clock.advance(Duration.ofMinutes(6));
        store.get("k");
        clock.advance(Duration.ofMinutes(6));

        assertThat(store.get("k")).isNull();
    }

    @Test
    void purgeDropsExpiredSessionsAndExpireForgetsOne() {
        LocalSessionStore store = new LocalSessionStore(100, Duration.ofMinutes(10), Duration.ZERO, clock);
        store.put("old1", "s1");
        store.put("old2", "s1");
        clock.advance(Duration.ofMinutes(9));
        store.put("new", "s2");
        store.put("gone", "s2");
        clock.advance(Duration.ofMinutes(2));

        assertThat(store.purgeExpired()).isEqualTo(2);
        assertThat(store.expire("gone")).isTrue();
        assertThat(store.expire("gone")).isFalse();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void isSafeUnderConcurrentUse() throws Exception {
        LocalSessionStore store = new LocalSessionStore(10_000, Duration.ofMinutes(10), Duration.ZERO, clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String key = "k" + ((i * 31 + thread) % 15_000);
                        if (store.touch(key) == null) {
                            store.put(key, "s" + thread);
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.size()).isEqualTo(10_000);
        assertThat(store.evictions()).isPositive();
    }
}
