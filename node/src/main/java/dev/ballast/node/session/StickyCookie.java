package dev.ballast.node.session;

import dev.ballast.node.balance.Hash64;
import dev.ballast.node.config.StickyConfig;

import java.time.Duration;

/**
 * The inserted sticky cookie, HAProxy's {@code cookie NAME insert indirect nocache}: pure text logic, no I/O.
 *
 * <p>The value names the server by an opaque id, XXH64 of "backend/server" in base 36, which every node computes
 * alike and which reveals neither the address nor (readably) the name. When a max-idle or max-life is set, the value
 * also carries the session's creation and last-seen times (epoch seconds, base 36), {@code id.created.lastSeen}, so
 * that expiry needs no server-side state; the last-seen time is refreshed by a new Set-Cookie once it is older than a
 * quarter of max-idle. The cookie is stripped from requests before they reach the server ({@link #strip}), and a
 * response that sets it must carry {@code Cache-Control: private} ({@link #CACHE_CONTROL}) so that no shared cache
 * hands one client's cookie to another.
 */
public final class StickyCookie {

    /** The Cache-Control value for responses that set the cookie. */
    public static final String CACHE_CONTROL = "private";

    private static final char SEPARATOR = '.';

    private final String name;
    private final boolean httpOnly;
    private final boolean secure;
    private final String domain;
    private final long maxIdleSeconds;
    private final long maxLifeSeconds;

    public StickyCookie(StickyConfig config) {
        this(config.cookieName(), config.httpOnly(), config.secure(), config.domain().orElse(null),
                config.maxIdle(), config.maxLife());
    }

    /**
     * @param domain  the Domain attribute, or null for none
     * @param maxIdle a cookie not seen for this long is ignored (zero: no limit)
     * @param maxLife a cookie older than this is ignored, and browsers drop it (zero: a session cookie)
     */
    public StickyCookie(String name, boolean httpOnly, boolean secure, String domain, Duration maxIdle,
            Duration maxLife) {
        if (name == null || name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("sticky cookie name must be a non-empty token, got '" + name + "'");
        }
        this.name = name;
        this.httpOnly = httpOnly;
        this.secure = secure;
        this.domain = domain;
        this.maxIdleSeconds = maxIdle.toSeconds();
        this.maxLifeSeconds = maxLife.toSeconds();
    }

    public String name() {
        return name;
    }

    /** The opaque id of a server in the cookie: the same on every node, for the same backend and server name. */
    public static String serverId(String backend, String server) {
        return Long.toUnsignedString(Hash64.hash(backend + "/" + server), Character.MAX_RADIX);
    }

    /** A decoded cookie value; the times are epoch seconds, both 0 when the cookie carries none. */
    public record Value(String serverId, long createdSeconds, long lastSeenSeconds) {
    }

    /** The value of a new cookie for {@code serverId}, created now. */
    public String encodeNew(String serverId, long nowSeconds) {
        return encode(new Value(serverId, nowSeconds, nowSeconds));
    }

    public String encode(Value value) {
        if (!carriesTimes()) {
            return value.serverId();
        }
        return value.serverId() + SEPARATOR + Long.toString(value.createdSeconds(), Character.MAX_RADIX)
                + SEPARATOR + Long.toString(value.lastSeenSeconds(), Character.MAX_RADIX);
    }

    /** Parses a cookie value; null when it is not one of ours (a client may send anything). */
    public Value decode(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        int first = raw.indexOf(SEPARATOR);
        if (first < 0) {
            return new Value(raw, 0, 0);
        }
        int second = raw.indexOf(SEPARATOR, first + 1);
        if (first == 0 || second < 0 || raw.indexOf(SEPARATOR, second + 1) >= 0) {
            return null;
        }
        try {
            long created = Long.parseLong(raw, first + 1, second, Character.MAX_RADIX);
            long lastSeen = Long.parseLong(raw, second + 1, raw.length(), Character.MAX_RADIX);
            return new Value(raw.substring(0, first), created, lastSeen);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Whether a cookie may no longer be honoured: idle or too old. A cookie without times is expired when times
     * are required (the configuration gained a max-idle or max-life since it was set); one with times from the
     * future (clock skew aside) is taken at its word.
     */
    public boolean expired(Value value, long nowSeconds) {
        if (!carriesTimes()) {
            return false;
        }
        if (value.createdSeconds() == 0) {
            return true;
        }
        return (maxIdleSeconds > 0 && nowSeconds - value.lastSeenSeconds() >= maxIdleSeconds)
                || (maxLifeSeconds > 0 && nowSeconds - value.createdSeconds() >= maxLifeSeconds);
    }

    /** Whether the response should set the cookie again to move its last-seen time forward. */
    public boolean needsRefresh(Value value, long nowSeconds) {
        return maxIdleSeconds > 0 && nowSeconds - value.lastSeenSeconds() >= Math.max(1, maxIdleSeconds / 4);
    }

    /** The Set-Cookie header value for {@code value}, set at {@code nowSeconds}. */
    public String setCookie(Value value, long nowSeconds) {
        StringBuilder header = new StringBuilder(64).append(name).append('=').append(encode(value)).append("; Path=/");
        if (maxLifeSeconds > 0) {
            long remaining = Math.max(0, value.createdSeconds() + maxLifeSeconds - nowSeconds);
            header.append("; Max-Age=").append(remaining);
        }
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        if (secure) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        return header.toString();
    }

    /** The value of our cookie in a request's Cookie header (the first one, as browsers send the most specific first), or null. */
    public String find(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        int start = 0;
        while (start < cookieHeader.length()) {
            int end = cookieHeader.indexOf(';', start);
            if (end < 0) {
                end = cookieHeader.length();
            }
            int eq = cookieHeader.indexOf('=', start);
            if (eq > 0 && eq < end && cookieHeader.substring(start, eq).strip().equals(name)) {
                return unquote(cookieHeader.substring(eq + 1, end).strip());
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * The request's Cookie header without our cookie, so that the server never sees it ({@code indirect}); null
     * when nothing else is left and the header should be removed. Other cookies are kept as they were.
     */
    public String strip(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(cookieHeader.length());
        int start = 0;
        while (start < cookieHeader.length()) {
            int end = cookieHeader.indexOf(';', start);
            if (end < 0) {
                end = cookieHeader.length();
            }
            String pair = cookieHeader.substring(start, end).strip();
            int eq = pair.indexOf('=');
            String pairName = eq < 0 ? pair : pair.substring(0, eq).strip();
            if (!pair.isEmpty() && !pairName.equals(name)) {
                if (kept.length() > 0) {
                    kept.append("; ");
                }
                kept.append(pair);
            }
            start = end + 1;
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    private boolean carriesTimes() {
        return maxIdleSeconds > 0 || maxLifeSeconds > 0;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** RFC 9110 token characters, as a cookie name requires. */
    private static boolean isToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
