package dev.ballast.cli.settings;

import dev.ballast.cli.CtlFailure;
import dev.ballast.cli.Environment;
import dev.ballast.cli.ExitCodes;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves the connection settings; for each of url and token the first place that gives it wins:
 * flags ({@code --url}, {@code --token-file}), then environment ({@code BALLAST_URL}, {@code BALLAST_TOKEN} or
 * {@code BALLAST_TOKEN_FILE}), then the settings file, then the default (http://127.0.0.1:9900, no token).
 */
public final class SettingsResolver {

    private SettingsResolver() {
    }

    /**
     * @param urlFlag       {@code --url}, when given
     * @param tokenFileFlag {@code --token-file}, when given
     * @throws CtlFailure with {@link ExitCodes#USAGE} when a setting is malformed or a token file unreadable
     */
    public static ConnectionSettings resolve(Optional<String> urlFlag, Optional<Path> tokenFileFlag,
                                             Environment environment) {
        Optional<SettingsFile> file = SettingsFile.locate(environment);
        URI url = urlFlag.map(value -> parseUrl(value, "--url"))
                .or(() -> environment.variable("BALLAST_URL").map(value -> parseUrl(value, "BALLAST_URL")))
                .or(() -> file.flatMap(f -> f.url().map(value -> parseUrl(value, f.path() + " (url)"))))
                .orElse(ConnectionSettings.DEFAULT_URL);

        if (tokenFileFlag.isPresent()) {
            return withTokenFile(url, tokenFileFlag.get(), "--token-file " + tokenFileFlag.get());
        }
        Optional<String> envToken = environment.variable("BALLAST_TOKEN");
        Optional<String> envTokenFile = environment.variable("BALLAST_TOKEN_FILE");
        if (envToken.isPresent() && envTokenFile.isPresent()) {
            throw new CtlFailure(ExitCodes.USAGE, "both BALLAST_TOKEN and BALLAST_TOKEN_FILE are set; set only one");
        }
        if (envToken.isPresent()) {
            return new ConnectionSettings(url, Optional.of(envToken.get().strip()), "BALLAST_TOKEN");
        }
        if (envTokenFile.isPresent()) {
            Path path = Path.of(envTokenFile.get());
            return withTokenFile(url, path, "BALLAST_TOKEN_FILE " + path);
        }
        if (file.isPresent()) {
            SettingsFile settings = file.get();
            if (settings.token().isPresent() && settings.tokenFile().isPresent()) {
                throw new CtlFailure(ExitCodes.USAGE, settings.path() + ": both token and token-file are set; "
                        + "set only one");
            }
            if (settings.token().isPresent()) {
                return new ConnectionSettings(url, settings.token(), settings.path() + " (token)");
            }
            if (settings.tokenFile().isPresent()) {
                Path path = settings.tokenFile().get();
                return withTokenFile(url, path, settings.path() + " (token-file " + path + ")");
            }
        }
        return new ConnectionSettings(url, Optional.empty(), "nowhere");
    }

    private static ConnectionSettings withTokenFile(URI url, Path path, String from) {
        String token;
        try {
            token = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new CtlFailure(ExitCodes.USAGE, "cannot read the token file " + path + " (from " + from
                    + "): no such file");
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.USAGE, "cannot read the token file " + path + " (from " + from + "): "
                    + e.getMessage(), e);
        }
        if (token.isEmpty()) {
            throw new CtlFailure(ExitCodes.USAGE, "the token file " + path + " (from " + from + ") is empty");
        }
        return new ConnectionSettings(url, Optional.of(token), from);
    }

    /** An http(s) URL with a host, no query or fragment; a trailing slash is dropped. */
    static URI parseUrl(String value, String from) {
        CtlFailure notHttp = new CtlFailure(ExitCodes.USAGE, from + ": '" + value
                + "' is not an http:// or https:// URL with a host, e.g. http://127.0.0.1:9900");
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw notHttp;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw notHttp;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new CtlFailure(ExitCodes.USAGE, from + ": '" + value + "' must not have a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
