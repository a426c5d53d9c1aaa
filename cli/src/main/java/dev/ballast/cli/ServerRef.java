package dev.ballast.cli;

import picocli.CommandLine;

/**
 * A server named on the command line as {@code BACKEND/SERVER}.
 *
 * @param backend the backend's name
 * @param server  the server's name within it
 */
public record ServerRef(String backend, String server) {

    /** Parses {@code web/web1}; anything else is a usage error. */
    public static ServerRef parse(String value) {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0) {
            throw new CommandLine.TypeConversionException("expected BACKEND/SERVER, e.g. web/web1, not '" + value + "'");
        }
        return new ServerRef(value.substring(0, slash), value.substring(slash + 1));
    }

    @Override
    public String toString() {
        return backend + "/" + server;
    }
}
