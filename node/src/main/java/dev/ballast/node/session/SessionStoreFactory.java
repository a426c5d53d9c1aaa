package dev.ballast.node.session;

import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.node.config.StickyConfig;

import java.time.Clock;

/** Makes the session store of a backend: local to this node, or shared by the cluster through a table. */
@FunctionalInterface
public interface SessionStoreFactory {

    SessionStore create(String backend, StickyConfig config);

    /** Every backend gets its own {@link LocalSessionStore}. */
    static SessionStoreFactory local(Clock clock) {
        return (backend, config) -> LocalSessionStore.of(config, clock);
    }

    /** Every backend gets a {@link ReplicatedSessionStore} over the one shared {@code table}. */
    static SessionStoreFactory replicated(ReplicatedTable table, Clock clock) {
        return (backend, config) -> ReplicatedSessionStore.of(table, backend, config, clock);
    }
}
