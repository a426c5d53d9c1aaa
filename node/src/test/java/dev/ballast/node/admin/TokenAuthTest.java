package dev.ballast.node.admin;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TokenAuthTest {

    private final TokenAuth auth = new TokenAuth(Optional.of("t0ken"));

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(TokenAuth auth, String authorization, String message) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> auth.check(authorization));
        assertThat(refused).as("refused: %s", authorization).isNotNull();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).isEqualTo(message).doesNotContain("t0ken");
    }

    @Test
    void acceptsTheTokenAsBearerOrAsBasicPasswordOfAnyUser() {
        assertThatCode(() -> auth.check("Bearer t0ken")).doesNotThrowAnyException();
        assertThatCode(() -> auth.check("bearer t0ken")).doesNotThrowAnyException();
        assertThatCode(() -> auth.check(basic("ops:t0ken"))).doesNotThrowAnyException();
        assertThatCode(() -> auth.check(basic(":t0ken"))).doesNotThrowAnyException();
    }

    @Test
    void refusesEverythingElse() {
        for (String authorization : new String[] {null, "", "t0ken", "Bearer", "Bearer ", "Bearer t0ke",
                "Bearer t0ken2", "Token t0ken", basic("t0ken"), basic("t0ken:wrong"), "Basic not-base64!"}) {
            assertRefused(auth, authorization, "missing or invalid bearer token");
        }
    }

    @Test
    void withoutAConfiguredTokenNothingIsAccepted() {
        assertRefused(new TokenAuth(Optional.empty()), "Bearer anything",
                "the admin API has no token configured (admin.token or admin.token-file)");
    }
}
