package dev.ballast.node.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * What a configuration is read against besides its text.
 *
 * @param sourceName    how messages name the configuration (its file name)
 * @param baseDirectory relative file paths in the configuration start here (the configuration file's folder)
 * @param environment   environment variables for {@code ${env:NAME}}: returns null for an unset variable
 */
record LoadContext(String sourceName, Path baseDirectory, Function<String, String> environment) {

    static LoadContext system(String sourceName, Path baseDirectory) {
        return new LoadContext(sourceName, baseDirectory, System::getenv);
    }

    Path resolve(Path path) {
        return baseDirectory.resolve(path);
    }
}
