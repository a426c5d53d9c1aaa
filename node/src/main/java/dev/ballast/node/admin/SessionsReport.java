package dev.ballast.node.admin;

import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.StickyConfig;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.session.StickySession;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Sticky sessions held by this node: a count per backend and the lookup of one key. Only source-IP stickiness
 * keeps sessions on the node (the key is the client address); cookie stickiness keeps its state in the client's
 * cookie, so such a backend holds none.
 */
final class SessionsReport {

    private final NodeRuntime node;
    private final Supplier<BallastConfig> config;
    private final Clock clock;

    SessionsReport(NodeRuntime node, Supplier<BallastConfig> config, Clock clock) {
        this.node = node;
        this.config = config;
        this.clock = clock;
    }

    /** Counts of live sessions, of one backend or of all in configuration order. */
    Counts counts(String onlyBackend) {
        List<Count> counts = new ArrayList<>();
        if (onlyBackend != null) {
            counts.add(count(backend(onlyBackend)));
        } else {
            Map<String, Backend> backends = node.backends();
            for (BackendConfig configured : config.get().backends()) {
                Backend backend = backends.get(configured.name());
                if (backend != null) {
                    counts.add(count(backend));
                }
            }
        }
        return new Counts(counts);
    }

    /** @throws NoSuchElementException when the backend does not exist or holds no live session for the key */
    Session lookup(String backendName, String key) {
        Backend backend = backend(backendName);
        StickySession session = backend.sessions().get(backendName + "/" + key);
        if (session == null) {
            throw new NoSuchElementException("backend '" + backendName + "' holds no sticky session for key '" + key
                    + "'");
        }
        return new Session(backendName, key, session.serverName(), expiresInMs(backend.config().sticky(), session));
    }

    /** Milliseconds until the session is forgotten (idle or life limit, whichever comes first); null: never. */
    private Long expiresInMs(StickyConfig sticky, StickySession session) {
        long now = clock.millis();
        Long expiresAt = null;
        if (!sticky.maxIdle().isZero()) {
            expiresAt = session.lastUsedMillis() + sticky.maxIdle().toMillis();
        }
        if (!sticky.maxLife().isZero()) {
            long lifeEnds = session.createdMillis() + sticky.maxLife().toMillis();
            expiresAt = expiresAt == null ? lifeEnds : Math.min(expiresAt, lifeEnds);
        }
        return expiresAt == null ? null : Math.max(0, expiresAt - now);
    }

    private Backend backend(String name) {
        Backend backend = node.backends().get(name);
        if (backend == null) {
            throw new NoSuchElementException("no backend named '" + name + "'");
        }
        return backend;
    }

    private static Count count(Backend backend) {
        backend.purgeExpiredSessions();
        return new Count(backend.name(), backend.sessions().size());
    }

    record Counts(List<Count> backends) {
    }

    record Count(String name, int sessions) {
    }

    /** @param expiresInMs null when the backend's sessions never expire (max-idle and max-life both 0) */
    record Session(String backend, String key, String server, Long expiresInMs) {
    }
}
