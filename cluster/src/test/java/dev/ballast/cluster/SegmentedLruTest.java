package dev.ballast.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.cluster.SegmentedLru.Segment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentedLruTest {

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsBoundAndTellsTheCallback() {
        List<String> evicted = new ArrayList<>();
        SegmentedLru<String> lru = new SegmentedLru<>(3, evicted::add);
        assertThat(lru.segments()).as("a small bound: one segment, exact LRU").hasSize(1);
        put(lru, "a", "1");
        put(lru, "b", "2");
        put(lru, "c", "3");
        assertThat(get(lru, "a")).isEqualTo("1");

        put(lru, "d", "4");

        assertThat(evicted).containsExactly("2");
        assertThat(get(lru, "b")).isNull();
        assertThat(lru.size()).isEqualTo(3);
        assertThat(lru.evictions()).isEqualTo(1);
    }

    @Test
    void largeBoundsAreSplitIntoSegmentsThatHoldTheBoundExactly() {
        SegmentedLru<Integer> lru = new SegmentedLru<>(50_001);
        assertThat(lru.segments()).hasSize(16);
        for (int i = 0; i < 80_000; i++) {
            put(lru, "client-" + i, i);
        }

        assertThat(lru.size()).isEqualTo(50_001);
        assertThat(lru.evictions()).isEqualTo(80_000 - 50_001);
        assertThat(get(lru, "client-79999")).isEqualTo(79_999);
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> new SegmentedLru<String>(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max entries must be >= 1, got 0");
    }

    private static <V> void put(SegmentedLru<V> lru, String key, V value) {
        Segment<V> segment = lru.segmentOf(key);
        synchronized (segment) {
            segment.put(key, value);
        }
    }

    private static <V> V get(SegmentedLru<V> lru, String key) {
        Segment<V> segment = lru.segmentOf(key);
        synchronized (segment) {
            return segment.get(key);
        }
    }
}
