package dev.ballast.cli.settings;

import dev.ballast.cli.CtlFailure;
import dev.ballast.cli.Environment;
import dev.ballast.cli.ExitCodes;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The optional settings file, a Java properties file with the keys {@code url}, {@code token} and
 * {@code token-file}. It is {@code $BALLASTCTL_CONFIG} when set (then it must exist), else
 * {@code $XDG_CONFIG_HOME/ballast/ballastctl.properties}, else {@code ~/.config/ballast/ballastctl.properties}
 * (read when present).
 *
 * @param path      the file read
 * @param url       its {@code url}
 * @param token     its {@code token}
 * @param tokenFile its {@code token-file}, resolved against the file's folder
 */
public record SettingsFile(Path path, Optional<String> url, Optional<String> token, Optional<Path> tokenFile) {

    static final String KEY_URL = "url";
    static final String KEY_TOKEN = "token";
    static final String KEY_TOKEN_FILE = "token-file";
    private static final Set<String> KEYS = Set.of(KEY_URL, KEY_TOKEN, KEY_TOKEN_FILE);

    /** The settings file this environment points at, if there is one to read. */
    public static Optional<SettingsFile> locate(Environment environment) {
        Optional<String> explicit = environment.variable("BALLASTCTL_CONFIG");
        if (explicit.isPresent()) {
            return Optional.of(read(Path.of(explicit.get()), "BALLASTCTL_CONFIG"));
        }
        Path configHome = environment.variable("XDG_CONFIG_HOME").map(Path::of)
                .orElse(environment.userHome().resolve(".config"));
        Path usual = configHome.resolve("ballast").resolve("ballastctl.properties");
        return Files.exists(usual) ? Optional.of(read(usual, "the default location")) : Optional.empty();
    }

    private static SettingsFile read(Path path, String namedBy) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new CtlFailure(ExitCodes.USAGE, "cannot read the settings file " + path + " (from " + namedBy
                    + "): no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new CtlFailure(ExitCodes.USAGE, "cannot read the settings file " + path + ": " + e.getMessage(), e);
        }
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new CtlFailure(ExitCodes.USAGE, path + ": unknown key" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + " (known: url, token, token-file)");
        }
        Path folder = path.toAbsolutePath().getParent();
        return new SettingsFile(path, value(properties, KEY_URL), value(properties, KEY_TOKEN),
                value(properties, KEY_TOKEN_FILE).map(file -> folder.resolve(file)));
    }

    private static Optional<String> value(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "SettingsFile[" + path + "]";
    }
}
