package dev.ballast.node.route;

import dev.ballast.node.config.RouteConfig;

import java.util.Locale;
import java.util.regex.Pattern;

/** One compiled routing rule: every condition that is set must match; unset conditions match anything. */
final class Rule {

    private final String backend;
    private final HostMatcher host;
    private final String pathPrefix;
    private final Pattern pathRegex;
    private final HeaderCondition header;
    private final String[] methods;

    private Rule(String backend, HostMatcher host, String pathPrefix, Pattern pathRegex,
                 HeaderCondition header, String[] methods) {
        this.backend = backend;
        this.host = host;
        this.pathPrefix = pathPrefix;
        this.pathRegex = pathRegex;
        this.header = header;
        this.methods = methods;
    }

    static Rule of(RouteConfig config) {
        if (config.backend() == null || config.backend().isBlank()) {
            throw new IllegalArgumentException("route without a backend");
        }
        // Methods are case-sensitive on the wire; every registered method is upper case, so a config
        // written as "get" means GET.
        String[] methods = config.methods().stream()
                .map(m -> m.trim().toUpperCase(Locale.ROOT))
                .toArray(String[]::new);
        return new Rule(config.backend(),
                config.host().map(HostMatcher::of).orElse(null),
                config.pathPrefix().orElse(null),
                config.pathRegex().orElse(null),
                config.header().map(HeaderCondition::of).orElse(null),
                methods);
    }

    String backend() {
        return backend;
    }

    boolean matches(RouteInput request) {
        // cheapest checks first; the regexes last
        return methodMatches(request.method())
                && (host == null || host.matches(request.host()))
                && (pathPrefix == null || request.path().startsWith(pathPrefix))
                && (pathRegex == null || pathRegex.matcher(request.path()).find())
                && (header == null || header.matches(request));
    }

    private boolean methodMatches(String method) {
        if (methods.length == 0) {
            return true;
        }
        for (String m : methods) {
            if (m.equals(method)) {
                return true;
            }
        }
        return false;
    }
}
