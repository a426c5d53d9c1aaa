package dev.ballast.bench;

import dev.ballast.node.balance.Hash64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** The cost of hashing a typical key (part of every hashing pick): a client address, a path, a long URI. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Hash64Benchmark {

    @Param({"10.20.30.40", "/catalog/item/517", "/search?q=load+balancer&page=3&sort=relevance&lang=en"})
    public String key;

    @Benchmark
    public long hash() {
        return Hash64.hash(key);
    }
}
