package dev.ballast.node.balance;

import dev.ballast.node.config.BalanceConfig.HashKey;

import java.util.Optional;

/** What a hashing balancer hashes in a request; null when the request has no such key. */
@FunctionalInterface
interface HashKeyExtractor {

    String keyOf(RequestContext request);

    /** @throws IllegalArgumentException when a header, cookie or query parameter key comes without its name */
    static HashKeyExtractor of(HashKey key, Optional<String> name) {
        return switch (key) {
            case SOURCE -> RequestContext::clientAddress;
            case PATH -> RequestContext::path;
            case URI -> RequestContext::uri;
            case HEADER -> {
                String header = required(key, name);
                yield request -> request.header(header);
            }
            case COOKIE -> {
                String cookie = required(key, name);
                yield request -> request.cookie(cookie);
            }
            case QUERY -> {
                String parameter = required(key, name);
                yield request -> request.queryParameter(parameter);
            }
        };
    }

    private static String required(HashKey key, Optional<String> name) {
        return name.filter(n -> !n.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "hash key " + key.name().toLowerCase() + " needs the name of the "
                        + key.name().toLowerCase() + " to hash (hash-key-name)"));
    }
}
