package dev.ballast.cluster.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimsTest {

    @Test
    void keepsHeldTermsClaimsNewVipsAboveEveryKnownTermAndDropsReleasedOnes() {
        Map<String, Long> next = Claims.next(Map.of("v1", 3L, "v2", 3L), Set.of("v1", "v3"), 7);
        assertThat(next).containsOnly(Map.entry("v1", 3L), Map.entry("v3", 8L));
        assertThat(Claims.next(Map.of("v1", 3L), Set.of(), 7)).isEmpty();
    }
}
