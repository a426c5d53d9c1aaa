package dev.ballast.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    @Test
    void readsStatusBackendAndCookie() throws IOException {
        HttpProbe.Response response = HttpProbe.parse("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nX-Backend: web2\r\n"
                + "set-cookie: SERVERID=abc; Path=/\r\n\r\nok");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.backend()).isEqualTo("web2");
        assertThat(response.setCookie()).contains("SERVERID=abc; Path=/");
    }

    @Test
    void aResponseWithoutTheHeadersHasNone() throws IOException {
        HttpProbe.Response response = HttpProbe.parse("HTTP/1.1 503 Service Unavailable\r\n\r\n");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.backend()).isNull();
        assertThat(response.setCookie()).isEmpty();
    }

    @Test
    void anIncompleteResponseIsAnError() {
        assertThatThrownBy(() -> HttpProbe.parse("HTTP/1.1 200 OK\r\nX-Backend: web1\r\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a complete");
        assertThatThrownBy(() -> HttpProbe.parse("")).isInstanceOf(IOException.class);
    }
}
