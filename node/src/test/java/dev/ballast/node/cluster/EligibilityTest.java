package dev.ballast.node.cluster;

import dev.ballast.node.cluster.Eligibility.BackendServers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityTest {

    @Test
    void listeningFrontendsAndOneUsableServerAreEnough() {
        Eligibility verdict = Eligibility.of(List.of(),
                List.of(new BackendServers("web", 0, 3), new BackendServers("api", 1, 2)));

        assertThat(verdict.eligible()).isTrue();
        assertThat(verdict.reason()).contains("1 of 5 server(s) usable", "web 0/3", "api 1/2");
    }

    @Test
    void aFrontendThatDoesNotListenMakesTheNodeIneligible() {
        Eligibility verdict = Eligibility.of(List.of("admin-facing"), List.of(new BackendServers("web", 3, 3)));

        assertThat(verdict.eligible()).isFalse();
        assertThat(verdict.reason()).isEqualTo("frontend(s) [admin-facing] not listening");
    }

    @Test
    void noUsableServerInAnyBackendMakesTheNodeIneligible() {
        Eligibility verdict = Eligibility.of(List.of(),
                List.of(new BackendServers("web", 0, 3), new BackendServers("api", 0, 1)));

        assertThat(verdict.eligible()).isFalse();
        assertThat(verdict.reason()).isEqualTo("no usable server in any backend (web 0/3, api 0/1)");
    }

    @Test
    void withoutAnyServerConfiguredOnlyTheFrontendsCount() {
        assertThat(Eligibility.of(List.of(), List.of()).eligible()).isTrue();
        assertThat(Eligibility.of(List.of(), List.of(new BackendServers("empty", 0, 0))).eligible()).isTrue();
    }
}
