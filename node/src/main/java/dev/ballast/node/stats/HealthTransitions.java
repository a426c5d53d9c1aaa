package dev.ballast.node.stats;

import dev.ballast.node.health.HealthState;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** How many times each server's health changed, by the state it changed to. */
public final class HealthTransitions {

    /**
     * @param count changes of {@code server} of {@code backend} to {@code to} since the node started
     */
    public record Count(String backend, String server, HealthState to, long count) {
    }

    private record Key(String backend, String server, HealthState to) {
    }

    private final ConcurrentMap<Key, LongAdder> counts = new ConcurrentHashMap<>();

    public void record(String backend, String server, HealthState to) {
        counts.computeIfAbsent(new Key(backend, server, to), key -> new LongAdder()).increment();
    }

    /** Every (backend, server, state) that was changed to at least once, sorted by those three. */
    public List<Count> counts() {
        return counts.entrySet().stream()
                .map(e -> new Count(e.getKey().backend(), e.getKey().server(), e.getKey().to(), e.getValue().sum()))
                .sorted(Comparator.comparing(Count::backend).thenComparing(Count::server).thenComparing(Count::to))
                .toList();
    }
}
