package dev.ballast.node.proxy.http;

import dev.ballast.node.config.FrontendConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedHeadersTest {

    private static final FrontendConfig.ForwardedHeaders ALL =
            new FrontendConfig.ForwardedHeaders(true, true, true, true, true);

    @Test
    void appendsToEveryEarlierForwardedForAndReplacesTheOthers() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("X-Forwarded-For", "1.1.1.1").add("X-Forwarded-For", "2.2.2.2, 3.3.3.3")
                .add("X-Real-IP", "9.9.9.9").add("X-Forwarded-Proto", "https").add("Host", "shop.test:8443");
        ForwardedHeaders.apply(headers, ALL, "10.0.0.7", "8080");
        assertThat(headers.getAll("X-Forwarded-For")).containsExactly("1.1.1.1, 2.2.2.2, 3.3.3.3, 10.0.0.7");
        assertThat(headers.get("X-Real-IP")).isEqualTo("10.0.0.7");
        assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(headers.get("X-Forwarded-Port")).isEqualTo("8080");
        assertThat(headers.get("X-Forwarded-Host")).isEqualTo("shop.test:8443");
    }

    @Test
    void addsNothingThatIsSwitchedOff() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Host", "h");
        ForwardedHeaders.apply(headers, new FrontendConfig.ForwardedHeaders(false, false, false, false, false),
                "10.0.0.7", "80");
        assertThat(headers.names()).containsExactly("Host");
    }

    @Test
    void dropsAClientSuppliedForwardedHostWhenThereIsNoHost() {
        HttpHeaders headers = new DefaultHttpHeaders().add("X-Forwarded-Host", "spoofed");
        ForwardedHeaders.apply(headers, ALL, "10.0.0.7", "80");
        assertThat(headers.contains("X-Forwarded-Host")).isFalse();
    }
}
