package dev.ballast.node.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A routing rule: every condition present must match. An absent condition matches everything.
 *
 * @param host       exact host or {@code *.example.com} (any subdomain), compared without port, case-insensitively
 * @param pathPrefix the path starts with this
 * @param pathRegex  the path matches this regular expression (find, not whole match, unless anchored)
 * @param methods    the method is one of these (empty = any)
 * @param header     a header condition
 */
public record RouteConfig(
        String backend,
        Optional<String> host,
        Optional<String> pathPrefix,
        Optional<Pattern> pathRegex,
        List<String> methods,
        Optional<HeaderMatch> header) {

    public RouteConfig {
        methods = List.copyOf(methods);
    }

    /** Header present (no equals, no regex), equal to a value, or matching a regular expression. */
    public record HeaderMatch(String name, Optional<String> equalTo, Optional<Pattern> regex) {
    }
}
