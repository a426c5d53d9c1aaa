package dev.ballast.node.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoEndpointTest {

    @Test
    void mapsEachEndpointPathWithOrWithoutQuery() {
        assertThat(DemoEndpoint.of("/health")).isEqualTo(DemoEndpoint.HEALTH);
        assertThat(DemoEndpoint.of("/health/fail")).isEqualTo(DemoEndpoint.HEALTH_FAIL);
        assertThat(DemoEndpoint.of("/health/ok")).isEqualTo(DemoEndpoint.HEALTH_OK);
        assertThat(DemoEndpoint.of("/delay?ms=5")).isEqualTo(DemoEndpoint.DELAY);
        assertThat(DemoEndpoint.of("/status?code=503")).isEqualTo(DemoEndpoint.STATUS);
        assertThat(DemoEndpoint.of("/bytes?n=10")).isEqualTo(DemoEndpoint.BYTES);
        assertThat(DemoEndpoint.of("/echo")).isEqualTo(DemoEndpoint.ECHO);
    }

    @Test
    void everyOtherPathGetsTheRequestInfo() {
        assertThat(DemoEndpoint.of("/")).isEqualTo(DemoEndpoint.INFO);
        assertThat(DemoEndpoint.of("/?x=1")).isEqualTo(DemoEndpoint.INFO);
        assertThat(DemoEndpoint.of("/api/users/7")).isEqualTo(DemoEndpoint.INFO);
        assertThat(DemoEndpoint.of("/healthz")).isEqualTo(DemoEndpoint.INFO);
        assertThat(DemoEndpoint.of("/bytes/extra")).isEqualTo(DemoEndpoint.INFO);
    }

    @Test
    void pathOfDropsTheQuery() {
        assertThat(DemoEndpoint.pathOf("/a/b?c=d?e")).isEqualTo("/a/b");
        assertThat(DemoEndpoint.pathOf("/a")).isEqualTo("/a");
    }
}
