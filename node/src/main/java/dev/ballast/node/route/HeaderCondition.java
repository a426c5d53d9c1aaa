package dev.ballast.node.route;

import dev.ballast.node.config.RouteConfig.HeaderMatch;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A header condition of a route: the header is present, its first value equals a string
 * (case-sensitive, like HAProxy's {@code hdr(name) -m str}), or its first value contains a match of a
 * regular expression ({@code find}; anchor the pattern for a whole match).
 */
final class HeaderCondition {

    private final String name;
    private final String equalTo;
    private final Pattern regex;

    private HeaderCondition(String name, String equalTo, Pattern regex) {
        this.name = name;
        this.equalTo = equalTo;
        this.regex = regex;
    }

    static HeaderCondition of(HeaderMatch match) {
        if (match.name() == null || match.name().isBlank()) {
            throw new IllegalArgumentException("route header condition without a header name");
        }
        if (match.equalTo().isPresent() && match.regex().isPresent()) {
            throw new IllegalArgumentException("route header condition on '" + match.name()
                    + "' has both equals and regex; use one");
        }
        return new HeaderCondition(match.name().trim().toLowerCase(Locale.ROOT),
                match.equalTo().orElse(null), match.regex().orElse(null));
    }

    boolean matches(RouteInput request) {
        String value = request.header(name);
        if (value == null) {
            return false;
        }
        if (equalTo != null) {
            return equalTo.equals(value);
        }
        return regex == null || regex.matcher(value).find();
    }
}
