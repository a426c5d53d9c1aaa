package dev.ballast.node.config;

import java.time.Duration;
import java.util.Optional;

/**
 * @param mode       none, cookie (inserted, opaque server id) or source (client IP affinity)
 * @param cookieName name of the inserted cookie
 * @param maxIdle    a session unused this long is forgotten
 * @param maxLife    a session older than this is forgotten, used or not (0 = no limit)
 * @param maxEntries bound on remembered sessions; the least recently used are evicted beyond it
 */
public record StickyConfig(
        Mode mode,
        String cookieName,
        boolean httpOnly,
        boolean secure,
        Optional<String> domain,
        Duration maxIdle,
        Duration maxLife,
        int maxEntries) {

    public enum Mode { NONE, COOKIE, SOURCE }
}
