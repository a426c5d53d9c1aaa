package dev.ballast.cluster.replication;

import java.util.Arrays;

/**
 * How two copies of one key combine, wherever they meet (a batch, a state transfer, a merge after a partition).
 * The newer version wins whole; two copies of the same write keep the later last use and expiry. This is a join
 * (commutative, associative, idempotent), so members converge on the same entry whatever order, duplication or
 * grouping the copies arrive in.
 */
public final class EntryMerge {

    private EntryMerge() {
    }

    public static TableEntry merge(TableEntry a, TableEntry b) {
        if (!a.key().equals(b.key())) {
            throw new IllegalArgumentException("cannot merge entries of different keys " + a.key() + " and " + b.key());
        }
        int byVersion = a.version().compareTo(b.version());
        if (byVersion != 0) {
            return byVersion > 0 ? a : b;
        }
        // Same write, so the same value; should a buggy member ever differ, still pick one deterministically.
        int byValue = Arrays.compare(a.value(), b.value());
        if (byValue != 0) {
            return byValue > 0 ? a : b;
        }
        return a.usedAt(b.lastUsedMillis(), b.expiresAtMillis());
    }
}
