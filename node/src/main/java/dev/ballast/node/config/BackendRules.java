package dev.ballast.node.config;

import static dev.ballast.node.config.BackendSchema.ALGORITHM;
import static dev.ballast.node.config.BackendSchema.BALANCE;
import static dev.ballast.node.config.BackendSchema.BALANCE_FACTOR;
import static dev.ballast.node.config.BackendSchema.HASH_KEY;
import static dev.ballast.node.config.BackendSchema.HASH_KEY_NAME;
import static dev.ballast.node.config.BackendSchema.HASH_METHOD;
import static dev.ballast.node.config.BackendSchema.STICKY;
import static dev.ballast.node.config.BackendSchema.STICKY_MODE;
import static dev.ballast.node.config.BackendSchema.TABLE_SIZE;
import static dev.ballast.node.config.BackendSchema.VIRTUAL_NODES;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.BalanceConfig.HashKey;
import dev.ballast.node.config.BalanceConfig.HashMethod;
import dev.ballast.node.config.FrontendConfig.Mode;

/** Backends: hashing options that fit the algorithm, and no HTTP-only feature behind a tcp frontend. */
final class BackendRules implements ConfigRule {

    private static final Set<HashKey> NAMED_KEYS = Set.of(HashKey.HEADER, HashKey.COOKIE, HashKey.QUERY);
    private static final Set<HashKey> HTTP_KEYS = Set.of(HashKey.PATH, HashKey.URI, HashKey.HEADER, HashKey.COOKIE,
            HashKey.QUERY);

    @Override
    public void check(Values root, LoadContext context, List<ConfigError> errors) {
        for (Values backend : root.items(BackendSchema.BACKENDS)) {
            Values balance = backend.section(BALANCE);
            checkHashing(balance, errors);
            backend.find(BackendSchema.NAME).flatMap(name -> tcpFrontendUsing(root, name)).ifPresent(tcpFrontend -> {
                String usedBy = " (tcp frontend " + tcpFrontend + " uses this backend)";
                if (balance.find(ALGORITHM).equals(Optional.of(Algorithm.HASH))) {
                    balance.find(HASH_KEY).filter(HTTP_KEYS::contains).ifPresent(key -> errors.add(new ConfigError(
                            balance.path(HASH_KEY), "hash-key " + ValueTypes.kebab(key) + " needs HTTP" + usedBy)));
                }
                Values sticky = backend.section(STICKY);
                sticky.find(STICKY_MODE).filter(mode -> mode == StickyConfig.Mode.COOKIE).ifPresent(mode -> errors.add(
                        new ConfigError(sticky.path(STICKY_MODE), "cookie stickiness needs HTTP" + usedBy
                                + "; use mode source")));
            });
        }
    }

    private static void checkHashing(Values balance, List<ConfigError> errors) {
        Optional<Algorithm> algorithm = balance.find(ALGORITHM);
        if (algorithm.isEmpty()) {
            return;
        }
        if (algorithm.get() != Algorithm.HASH) {
            for (Setting<?> hashOnly : List.of(HASH_KEY, HASH_KEY_NAME, HASH_METHOD, TABLE_SIZE, VIRTUAL_NODES,
                    BALANCE_FACTOR)) {
                if (balance.isGiven(hashOnly)) {
                    errors.add(new ConfigError(balance.path(hashOnly), "only applies to algorithm hash (algorithm is "
                            + ValueTypes.kebab(algorithm.get()) + ")"));
                }
            }
            return;
        }
        balance.find(HASH_KEY).ifPresent(key -> {
            if (NAMED_KEYS.contains(key) && !balance.isGiven(HASH_KEY_NAME)) {
                errors.add(new ConfigError(balance.path(HASH_KEY_NAME),
                        "required for hash-key " + ValueTypes.kebab(key) + " (the " + ValueTypes.kebab(key)
                                + " whose value is hashed)"));
            } else if (!NAMED_KEYS.contains(key) && balance.isGiven(HASH_KEY_NAME)) {
                errors.add(new ConfigError(balance.path(HASH_KEY_NAME),
                        "only applies to hash-key header, cookie or query (hash-key is " + ValueTypes.kebab(key) + ")"));
            }
        });
        balance.find(HASH_METHOD).ifPresent(method -> {
            if (method == HashMethod.RING && balance.isGiven(TABLE_SIZE)) {
                errors.add(new ConfigError(balance.path(TABLE_SIZE), "only applies to hash-method maglev"));
            } else if (method == HashMethod.MAGLEV && balance.isGiven(VIRTUAL_NODES)) {
                errors.add(new ConfigError(balance.path(VIRTUAL_NODES), "only applies to hash-method ring"));
            }
        });
    }

    /** The name of a tcp frontend sending traffic to this backend, if any. */
    private static Optional<String> tcpFrontendUsing(Values root, String backendName) {
        return root.items(FrontendSchema.FRONTENDS).stream()
                .filter(frontend -> frontend.find(FrontendSchema.MODE).equals(Optional.of(Mode.TCP)))
                .filter(frontend -> frontend.find(FrontendSchema.DEFAULT_BACKEND).equals(Optional.of(backendName)))
                .flatMap(frontend -> frontend.find(FrontendSchema.NAME).stream())
                .findFirst();
    }
}
