package dev.ballast.node.config;

import java.util.Optional;

/**
 * @param enabled whether the admin API listens at all
 * @param bind    where the admin API listens (loopback by default)
 * @param token   the bearer token every admin request must carry, resolved from {@code token} (interpolated, e.g.
 *                {@code ${env:BALLAST_ADMIN_TOKEN}}) or read from {@code token-file}; empty refuses every admin request
 *                but /healthz
 */
public record AdminSettings(boolean enabled, HostPort bind, Optional<String> token) {

    @Override
    public String toString() {
        // The token is a secret: never let it reach a log line through toString().
        return "AdminSettings[enabled=" + enabled + ", bind=" + bind + ", token=" + (token.isPresent() ? "<set>" : "<none>")
                + "]";
    }
}
