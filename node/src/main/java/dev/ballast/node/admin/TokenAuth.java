package dev.ballast.node.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks the Authorization header against the admin token: {@code Bearer <token>}, or {@code Basic} with any user
 * and the token as password (so a browser can open /stats). Both sides are hashed with SHA-256 and the digests
 * compared with {@link MessageDigest#isEqual}: the time taken reveals neither the token nor its length.
 * Never logs or returns the token.
 */
final class TokenAuth {

    /**
     * The challenges of a 401, one header line each: the same as the contract's one comma-joined line (RFC 9110
     * section 5.3), but browsers (Chromium) only read the first scheme of a line and would never offer Basic.
     */
    static final List<String> CHALLENGES = List.of("Bearer realm=\"ballast\"", "Basic realm=\"ballast\"");
    static final String NO_TOKEN = "the admin API has no token configured (admin.token or admin.token-file)";
    static final String BAD_TOKEN = "missing or invalid bearer token";

    private final byte[] tokenDigest;

    /** @param token the configured token; empty refuses every request */
    TokenAuth(Optional<String> token) {
        this.tokenDigest = token.map(TokenAuth::sha256).orElse(null);
    }

    /** @throws ApiException 401 with the contract's message when the request is not authenticated */
    void check(String authorization) {
        if (tokenDigest == null) {
            throw new ApiException(401, NO_TOKEN);
        }
        String presented = presentedToken(authorization);
        if (presented == null || !MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            throw new ApiException(401, BAD_TOKEN);
        }
    }

    /** The token a header carries, or null when it carries none in a form we accept. */
    private static String presentedToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space);
        String credentials = authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return credentials;
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        }
        return null;
    }

    private static byte[] sha256(String value) {
        return Sha256.digest(value.getBytes(StandardCharsets.UTF_8));
    }
}
