package dev.ballast.node.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficCountersTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsRequestsResponsesErrorsAndActiveRequests() {
        TrafficCounters counters = new TrafficCounters("web1", 10);
        counters.requestStarted();
        counters.requestStarted();
        counters.requestStarted();
        counters.requestEnded();
        counters.response(200);
        counters.response(204);
        counters.response(503);
        counters.error(ErrorKind.CONNECT);
        counters.error(ErrorKind.TIMEOUT);
        counters.error(ErrorKind.TIMEOUT);

        TrafficSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.name()).isEqualTo("web1");
        assertThat(snapshot.requests()).isEqualTo(3);
        assertThat(snapshot.active()).isEqualTo(2);
        assertThat(snapshot.responses(StatusClass.SUCCESS)).isEqualTo(2);
        assertThat(snapshot.responses(StatusClass.SERVER_ERROR)).isEqualTo(1);
        assertThat(snapshot.responses(StatusClass.CLIENT_ERROR)).isZero();
        assertThat(snapshot.responses()).containsOnlyKeys(StatusClass.values());
        assertThat(snapshot.errors(ErrorKind.CONNECT)).isEqualTo(1);
        assertThat(snapshot.errors(ErrorKind.TIMEOUT)).isEqualTo(2);
        assertThat(snapshot.errors(ErrorKind.OTHER)).isZero();
    }

    @Test
    void latenciesFillBucketsAndTheSumAndGivePercentilesAtOnce() {
        TrafficCounters counters = new TrafficCounters("web1", 10);
        for (int i = 1; i <= 100; i++) {
            counters.latency(i * 1_000L); // 1 ms .. 100 ms
        }
        LatencySnapshot latency = counters.snapshot().latency();
        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.sumMicros()).isEqualTo(5_050_000);
        long[] buckets = latency.bucketCounts();
        assertThat(buckets[0]).isEqualTo(1);   // <= 1 ms
        assertThat(buckets[1]).isEqualTo(1);   // (1, 2.5]
        assertThat(buckets[2]).isEqualTo(3);   // (2.5, 5]
        assertThat(buckets[6]).isEqualTo(50);  // (50, 100]
        assertThat(latency.recentCount()).isEqualTo(100);
        assertThat(latency.p50Ms()).isCloseTo(50, within(1.0));
        assertThat(latency.p95Ms()).isCloseTo(95, within(1.0));
        assertThat(latency.p99Ms()).isCloseTo(99, within(1.0));
    }

    @Test
    void percentilesCoverTheLastWindowOfTicksWhileBucketsKeepEverything() {
        TrafficCounters counters = new TrafficCounters("web1", 3);
        counters.latency(900_000); // 900 ms, then three quiet ticks
        counters.tick(SECOND);
        counters.latency(1_000);
        counters.tick(2 * SECOND);
        assertThat(counters.snapshot().latency().p99Ms()).isCloseTo(900, within(9.0));
        counters.tick(3 * SECOND);
        counters.tick(4 * SECOND);

        LatencySnapshot latency = counters.snapshot().latency();
        assertThat(latency.recentCount()).isZero();
        assertThat(latency.p99Ms()).isZero();
        assertThat(latency.count()).isEqualTo(2);
    }

    @Test
    void theRequestRateIsMeasuredOverTheTicks() {
        TrafficCounters counters = new TrafficCounters("web1", 10);
        counters.tick(0);
        for (int i = 0; i < 30; i++) {
            counters.requestStarted();
            counters.requestEnded();
        }
        counters.tick(2 * SECOND);
        assertThat(counters.snapshot().requestsPerSecond()).isCloseTo(15, within(1e-9));
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        TrafficCounters counters = new TrafficCounters("web1", 10);
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    counters.requestStarted();
                    counters.response(200);
                    counters.latency(i % 5_000);
                    counters.requestEnded();
                }
            });
            writer.start();
            writers.add(writer);
        }
        start.countDown();
        for (int i = 0; i < 50; i++) {
            counters.snapshot(); // readers meanwhile take no lock the writers need
        }
        for (Thread writer : writers) {
            writer.join();
        }
        TrafficSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.requests()).isEqualTo((long) threads * perThread);
        assertThat(snapshot.responses(StatusClass.SUCCESS)).isEqualTo((long) threads * perThread);
        assertThat(snapshot.active()).isZero();
        assertThat(snapshot.latency().count()).isEqualTo((long) threads * perThread);
        assertThat(snapshot.latency().recentCount()).isEqualTo((long) threads * perThread);
    }
}
