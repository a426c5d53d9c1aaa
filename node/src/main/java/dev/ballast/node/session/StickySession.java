package dev.ballast.node.session;

/**
 * What is remembered of one sticky client: its server and when the session began and was last used (milliseconds
 * since the epoch, so that nodes can compare them once the store is replicated).
 */
public record StickySession(String serverName, long createdMillis, long lastUsedMillis) {

    public StickySession touched(long nowMillis) {
        return new StickySession(serverName, createdMillis, Math.max(lastUsedMillis, nowMillis));
    }
}
