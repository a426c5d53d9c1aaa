package dev.ballast.node.proxy.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HopByHopHeadersTest {

    @Test
    void removesConnectionAndWhatItNamesAndTheFixedHopByHopSet() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Private , x-other")
                .add("Connection", "X-Third")
                .add("X-Private", "1").add("X-Other", "2").add("X-Third", "3")
                .add("Keep-Alive", "timeout=5").add("TE", "trailers").add("Trailer", "X-Sum")
                .add("Upgrade", "h2c").add("Proxy-Authorization", "Basic x").add("proxy-connection", "close")
                .add("X-Kept", "yes").add("Host", "example.test");
        HopByHopHeaders.strip(headers, false);
        assertThat(headers.names()).containsExactlyInAnyOrder("X-Kept", "Host");
    }

    @Test
    void neverRemovesFramingOrHostEvenWhenConnectionNamesThem() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Connection", "Content-Length, Transfer-Encoding, Host")
                .add("Content-Length", "5").add("Host", "h");
        HopByHopHeaders.strip(headers, false);
        assertThat(headers.get("Content-Length")).isEqualTo("5");
        assertThat(headers.get("Host")).isEqualTo("h");
        assertThat(headers.contains("Connection")).isFalse();
    }

    @Test
    void keepsUpgradeForAnUpgradeExchange() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Connection", "Upgrade").add("Upgrade", "websocket").add("Sec-WebSocket-Key", "k");
        HopByHopHeaders.strip(headers, true);
        assertThat(headers.get("Upgrade")).isEqualTo("websocket");
        assertThat(headers.get("Sec-WebSocket-Key")).isEqualTo("k");
    }
}
