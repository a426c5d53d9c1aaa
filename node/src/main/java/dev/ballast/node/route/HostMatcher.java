package dev.ballast.node.route;

import java.util.Locale;

/**
 * Matches the host part of a Host header against one configured host: an exact name (or IP literal) or
 * a {@code *.example.com} wildcard.
 *
 * <p>The header's port and IPv6 brackets are ignored, as is one trailing dot of a fully qualified name;
 * comparison is case-insensitive. A wildcard matches any name with at least one more label in front of
 * the suffix ({@code a.example.com}, {@code a.b.example.com}) but not {@code example.com} itself, as in
 * nginx and HAProxy's {@code hdr_end(host) .example.com}. Matching allocates nothing.
 */
final class HostMatcher {

    private final String name;
    private final boolean wildcard;

    private HostMatcher(String name, boolean wildcard) {
        this.name = name;
        this.wildcard = wildcard;
    }

    /**
     * @param pattern {@code example.com}, {@code *.example.com}, {@code 10.0.0.1}, {@code ::1} or {@code [::1]}
     * @throws IllegalArgumentException for an empty pattern or a {@code *} anywhere but a leading {@code *.}
     */
    static HostMatcher of(String pattern) {
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("[") && p.endsWith("]")) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        boolean wildcard = p.startsWith("*.");
        String name = wildcard ? p.substring(1) : p; // keep the dot: ".example.com"
        if (name.isEmpty() || name.equals(".") || name.indexOf('*') >= 0) {
            throw new IllegalArgumentException("invalid route host '" + pattern
                    + "': expected a name, an IP literal or *.suffix");
        }
        return new HostMatcher(name, wildcard);
    }

    boolean matches(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        int start = 0;
        int end = hostEnd(hostHeader);
        if (hostHeader.startsWith("[")) {
            start = 1;
        }
        if (end > start && hostHeader.charAt(end - 1) == '.') {
            end--;
        }
        int length = end - start;
        if (wildcard) {
            // at least one character must precede the ".suffix"
            return length > name.length()
                    && hostHeader.regionMatches(true, end - name.length(), name, 0, name.length());
        }
        return length == name.length() && hostHeader.regionMatches(true, start, name, 0, length);
    }

    /** End of the host part: before ":port", or at "]" of an IPv6 literal; a bare IPv6 literal is kept whole. */
    private static int hostEnd(String header) {
        if (header.startsWith("[")) {
            int close = header.indexOf(']');
            return close < 0 ? header.length() : close;
        }
        int colon = header.indexOf(':');
        if (colon >= 0 && header.indexOf(':', colon + 1) < 0) {
            return colon;
        }
        return header.length();
    }

    @Override
    public String toString() {
        return wildcard ? "*" + name : name;
    }
}
