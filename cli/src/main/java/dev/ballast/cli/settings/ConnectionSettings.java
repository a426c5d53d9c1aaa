package dev.ballast.cli.settings;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where ballastctl connects and with which token, once flags, environment and settings file are resolved.
 *
 * @param url       the node's admin API, e.g. {@code http://127.0.0.1:9900}, without a trailing slash
 * @param token     the bearer token, absent when none was given anywhere
 * @param tokenFrom where the token came from ("--token-file /x", "BALLAST_TOKEN", ...), for messages
 */
public record ConnectionSettings(URI url, Optional<String> token, String tokenFrom) {

    /** The default admin listener ({@code admin.bind}'s default). */
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:9900");

    public ConnectionSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenFrom, "tokenFrom");
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "ConnectionSettings[url=" + url + ", token=" + (token.isPresent() ? "from " + tokenFrom : "none") + "]";
    }
}
