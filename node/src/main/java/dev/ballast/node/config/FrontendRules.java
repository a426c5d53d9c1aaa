package dev.ballast.node.config;

import static dev.ballast.node.config.FrontendSchema.DEFAULT_BACKEND;
import static dev.ballast.node.config.FrontendSchema.HEADER;
import static dev.ballast.node.config.FrontendSchema.HEADER_EQUAL_TO;
import static dev.ballast.node.config.FrontendSchema.HEADER_REGEX;
import static dev.ballast.node.config.FrontendSchema.MODE;
import static dev.ballast.node.config.FrontendSchema.ROUTES;
import static dev.ballast.node.config.FrontendSchema.ROUTE_BACKEND;

import java.util.List;
import java.util.Optional;

import dev.ballast.node.config.FrontendConfig.Mode;

/** Frontends: routes only in http mode, a backend for every request, and references to backends that exist. */
final class FrontendRules implements ConfigRule {

    private static final List<Setting<?>> CONDITIONS = List.of(FrontendSchema.HOST, FrontendSchema.PATH_PREFIX,
            FrontendSchema.PATH_REGEX, FrontendSchema.METHODS);

    @Override
    public void check(Values root, LoadContext context, List<ConfigError> errors) {
        Optional<List<String>> backendNames = backendNames(root);
        for (Values frontend : root.items(FrontendSchema.FRONTENDS)) {
            List<Values> routes = frontend.items(ROUTES);
            checkModeAndDefault(frontend, routes, errors);
            backendNames.ifPresent(names -> {
                checkReference(frontend, DEFAULT_BACKEND, names, errors);
                routes.forEach(route -> checkReference(route, ROUTE_BACKEND, names, errors));
            });
            routes.forEach(route -> route.optionalSection(HEADER).ifPresent(header -> {
                if (header.isGiven(HEADER_EQUAL_TO) && header.isGiven(HEADER_REGEX)) {
                    errors.add(new ConfigError(header.path(HEADER_REGEX), "give equal-to or regex, not both"));
                }
            }));
            checkUnreachableRoutes(routes, errors);
        }
    }

    private static void checkModeAndDefault(Values frontend, List<Values> routes, List<ConfigError> errors) {
        Optional<Mode> mode = frontend.find(MODE);
        if (mode.equals(Optional.of(Mode.TCP)) && !routes.isEmpty()) {
            errors.add(new ConfigError(frontend.path(ROUTES),
                    "a tcp frontend cannot have routes (there is no HTTP request to match); use default-backend"));
        } else if (!frontend.isGiven(DEFAULT_BACKEND) && mode.isPresent()
                && (mode.get() == Mode.TCP || routes.isEmpty())) {
            errors.add(new ConfigError(frontend.path(DEFAULT_BACKEND), mode.get() == Mode.TCP
                    ? "required for a tcp frontend" : "required when a frontend has no routes"));
        }
    }

    /** First match wins, so every route after one without conditions is dead; that is always a mistake. */
    private static void checkUnreachableRoutes(List<Values> routes, List<ConfigError> errors) {
        for (int i = 0; i < routes.size(); i++) {
            if (matchesEverything(routes.get(i))) {
                for (Values dead : routes.subList(i + 1, routes.size())) {
                    errors.add(new ConfigError(dead.path(), "never used: " + routes.get(i).path()
                            + " has no conditions and matches every request first"));
                }
                return;
            }
        }
    }

    private static boolean matchesEverything(Values route) {
        return CONDITIONS.stream().noneMatch(route::isGiven) && route.optionalSection(HEADER).isEmpty();
    }

    private static void checkReference(Values values, Setting<String> reference, List<String> backendNames,
                                       List<ConfigError> errors) {
        values.find(reference).filter(name -> !backendNames.contains(name)).ifPresent(name -> errors.add(
                new ConfigError(values.path(reference), "no backend named \"" + name + "\""
                        + Suggestion.closest(name, backendNames).map(s -> " (did you mean `" + s + "`?)")
                        .orElse(" (backends: " + String.join(", ", backendNames) + ")"))));
    }

    /** The backends' names; empty when one of them has no valid name, since any reference could then mean it. */
    static Optional<List<String>> backendNames(Values root) {
        List<Values> backends = root.items(BackendSchema.BACKENDS);
        List<String> names = backends.stream().flatMap(b -> b.find(BackendSchema.NAME).stream()).toList();
        return names.size() == backends.size() ? Optional.of(names) : Optional.empty();
    }
}
