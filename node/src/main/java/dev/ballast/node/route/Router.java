package dev.ballast.node.route;

import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.RouteConfig;

import java.util.List;

/**
 * Chooses the backend for a request from a frontend's ordered routes: the first rule whose conditions
 * all match wins; otherwise the frontend's default backend; otherwise none (the caller answers 404).
 *
 * <p>Built once per configuration and immutable, so every event loop can share one instance. Host and
 * path-prefix matching allocate nothing; only configured regular expressions create a matcher.
 */
public final class Router {

    private final Rule[] rules;
    private final String defaultBackend;

    private Router(Rule[] rules, String defaultBackend) {
        this.rules = rules;
        this.defaultBackend = defaultBackend;
    }

    /**
     * @throws IllegalArgumentException if a route lacks a backend or has an invalid host pattern or
     *                                  header condition; the message names the route by position
     */
    public static Router of(FrontendConfig frontend) {
        List<RouteConfig> routes = frontend.routes();
        Rule[] rules = new Rule[routes.size()];
        for (int i = 0; i < rules.length; i++) {
            try {
                rules[i] = Rule.of(routes.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("frontend '" + frontend.name() + "', route #" + (i + 1)
                        + ": " + e.getMessage(), e);
            }
        }
        return new Router(rules, frontend.defaultBackend().orElse(null));
    }

    /** The name of the backend for this request, or null when no route matches and there is no default. */
    public String route(RouteInput request) {
        for (Rule rule : rules) {
            if (rule.matches(request)) {
                return rule.backend();
            }
        }
        return defaultBackend;
    }
}
