package dev.ballast.node.config;

/**
 * One problem in a configuration, located by its path, e.g. {@code backends[web].servers[s2].weight}.
 *
 * @param path    where the problem is: dotted keys, list items by name ({@code [web]}) or by index ({@code [2]})
 * @param message what is wrong and what was expected
 */
public record ConfigError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
