package dev.ballast.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What ballastctl reads from outside its command line: environment variables, the user's home (for the settings
 * file) and the Ballast distribution (for {@code config check}). Passed in so tests need no real environment.
 *
 * @param variables    environment variables
 * @param userHome     the user's home folder
 * @param ballastHome  the Ballast distribution whose {@code bin/ballast} validates configurations, when known
 */
public record Environment(Map<String, String> variables, Path userHome, Optional<Path> ballastHome) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The process's environment; the distribution is {@code -Dballast.home} (set by bin/ballastctl) or BALLAST_HOME. */
    public static Environment system() {
        Map<String, String> variables = System.getenv();
        Optional<Path> home = Optional.ofNullable(System.getProperty("ballast.home"))
                .or(() -> Optional.ofNullable(variables.get("BALLAST_HOME")))
                .filter(value -> !value.isBlank())
                .map(Path::of);
        return new Environment(variables, Path.of(System.getProperty("user.home")), home);
    }

    /** The variable's value, absent when unset or empty (an empty variable is treated as unset, as shells do). */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isEmpty());
    }
}
