package dev.ballast.node.session;

/**
 * Where sticky sessions live: key (e.g. a backend and client address) to {@link StickySession}. Implementations
 * forget sessions idle longer than their max-idle or older than their max-life, and are bounded in entries. The
 * local implementation is {@link LocalSessionStore}; a replicated one wraps the same contract. Thread-safe.
 */
public interface SessionStore {

    /** The live session for {@code key}, without counting this as a use; null if none or expired. */
    StickySession get(String key);

    /** Marks the session as used now and returns it; null if none or expired (an expired one is dropped). */
    StickySession touch(String key);

    /** Binds {@code key} to {@code serverName} from now on, replacing any previous session; returns the new one. */
    StickySession put(String key, String serverName);

    /** Forgets the session for {@code key}; returns whether there was one. */
    boolean expire(String key);

    /** Drops every expired session; returns how many. Call periodically so idle entries do not linger. */
    int purgeExpired();

    /** Sessions held now, expired ones not yet purged included. */
    int size();

    /** Sessions evicted, since the store was created, to keep within its bound on entries. */
    long evictions();
}
