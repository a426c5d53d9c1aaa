package dev.ballast.node.proxy.http;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProxiedRequestTest {

    private static ProxiedRequest request(String uri) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        request.headers().add("Cookie", "a=1; SERVERID=s2").add("Cookie", "b=2").add("X-User", "ann");
        return new ProxiedRequest(request, "10.1.2.3");
    }

    @Test
    void exposesPathUriHeadersCookiesAndQueryParameters() {
        ProxiedRequest request = request("/shop/cart?id=42&name=a%20b&flag");
        assertThat(request.clientAddress()).isEqualTo("10.1.2.3");
        assertThat(request.path()).isEqualTo("/shop/cart");
        assertThat(request.uri()).isEqualTo("/shop/cart?id=42&name=a%20b&flag");
        assertThat(request.header("x-user")).isEqualTo("ann");
        assertThat(request.cookie("SERVERID")).isEqualTo("s2");
        assertThat(request.cookie("b")).isEqualTo("2");
        assertThat(request.cookie("missing")).isNull();
        assertThat(request.queryParameter("id")).isEqualTo("42");
        assertThat(request.queryParameter("name")).isEqualTo("a b");
        assertThat(request.queryParameter("flag")).isEmpty();
        assertThat(request.queryParameter("nope")).isNull();
    }

    @Test
    void aPathWithoutQueryHasNoParameters() {
        ProxiedRequest request = request("/plain");
        assertThat(request.path()).isEqualTo("/plain");
        assertThat(request.queryParameter("id")).isNull();
    }
}
