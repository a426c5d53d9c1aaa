package dev.ballast.node.proxy.http;

import dev.ballast.node.session.StickyCookie;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StickyHeadersTest {

    private final StickyCookie cookie = new StickyCookie("LB", true, false, null, Duration.ZERO, Duration.ZERO);

    @Test
    void stripsOurCookieFromEveryCookieHeaderAndKeepsTheOthers() {
        HttpHeaders request = new DefaultHttpHeaders()
                .add(HttpHeaderNames.COOKIE, "a=1; LB=xyz; b=2")
                .add(HttpHeaderNames.COOKIE, "LB=xyz")
                .add(HttpHeaderNames.COOKIE, "c=3");

        StickyHeaders.stripCookie(request, cookie);

        assertThat(request.getAll(HttpHeaderNames.COOKIE)).containsExactly("a=1; b=2", "c=3");
    }

    @Test
    void leavesRequestsAloneWithoutAStickyCookieOrCookies() {
        HttpHeaders request = new DefaultHttpHeaders().add(HttpHeaderNames.COOKIE, "LB=xyz");
        StickyHeaders.stripCookie(request, null);
        assertThat(request.getAll(HttpHeaderNames.COOKIE)).containsExactly("LB=xyz");

        HttpHeaders none = new DefaultHttpHeaders();
        StickyHeaders.stripCookie(none, cookie);
        assertThat(none.isEmpty()).isTrue();
    }

    @Test
    void aResponseThatSetsTheCookieIsPrivate() {
        HttpHeaders response = new DefaultHttpHeaders()
                .add(HttpHeaderNames.SET_COOKIE, "app=1")
                .add(HttpHeaderNames.CACHE_CONTROL, "public, max-age=60");

        StickyHeaders.setCookie(response, "LB=abc; Path=/");

        assertThat(response.getAll(HttpHeaderNames.SET_COOKIE)).containsExactly("app=1", "LB=abc; Path=/");
        assertThat(response.getAll(HttpHeaderNames.CACHE_CONTROL)).containsExactly("private");
    }
}
