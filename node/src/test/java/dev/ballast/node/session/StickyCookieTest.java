package dev.ballast.node.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StickyCookieTest {

    private static final long NOW = 1_800_000_000L;

    private final StickyCookie plain = new StickyCookie("SRV", false, false, null, Duration.ZERO, Duration.ZERO);
    private final StickyCookie timed = new StickyCookie("SRV", true, true, "example.test", Duration.ofMinutes(20),
            Duration.ofHours(8));

    @Test
    void theServerIdIsStableOpaqueAndPerBackend() {
        String id = StickyCookie.serverId("web", "app-1");

        assertThat(StickyCookie.serverId("web", "app-1")).isEqualTo(id);
        assertThat(StickyCookie.serverId("api", "app-1")).isNotEqualTo(id);
        assertThat(id).matches("[0-9a-z]{1,13}").doesNotContain("app").doesNotContain("127");
    }

    @Test
    void aPlainCookieIsJustTheId() {
        String value = plain.encodeNew("abc123", NOW);

        assertThat(value).isEqualTo("abc123");
        assertThat(plain.decode(value)).isEqualTo(new StickyCookie.Value("abc123", 0, 0));
        assertThat(plain.expired(plain.decode(value), NOW + 1_000_000)).isFalse();
        assertThat(plain.setCookie(plain.decode(value), NOW)).isEqualTo("SRV=abc123; Path=/");
    }

    @Test
    void aTimedCookieCarriesItsDatesAndExpires() {
        StickyCookie.Value value = timed.decode(timed.encodeNew("abc123", NOW));

        assertThat(value).isEqualTo(new StickyCookie.Value("abc123", NOW, NOW));
        assertThat(timed.expired(value, NOW + Duration.ofMinutes(19).toSeconds())).isFalse();
        assertThat(timed.expired(value, NOW + Duration.ofMinutes(20).toSeconds())).as("idle").isTrue();
        StickyCookie.Value seenLater = new StickyCookie.Value("abc123", NOW, NOW + Duration.ofHours(8).toSeconds() - 60);
        assertThat(timed.expired(seenLater, NOW + Duration.ofHours(8).toSeconds())).as("too old").isTrue();
        assertThat(timed.expired(plain.decode("abc123"), NOW)).as("dates required but absent").isTrue();
    }

    @Test
    void refreshesTheLastSeenDateAfterAQuarterOfMaxIdle() {
        StickyCookie.Value value = new StickyCookie.Value("abc123", NOW, NOW);

        assertThat(timed.needsRefresh(value, NOW + 299)).isFalse();
        assertThat(timed.needsRefresh(value, NOW + 300)).isTrue();
        assertThat(plain.needsRefresh(value, NOW + 1_000_000)).isFalse();
    }

    @Test
    void setCookieCarriesTheConfiguredAttributes() {
        StickyCookie.Value value = new StickyCookie.Value("abc123", NOW, NOW);

        assertThat(timed.setCookie(value, NOW + 3600)).isEqualTo("SRV=" + timed.encode(value)
                + "; Path=/; Max-Age=25200; Domain=example.test; Secure; HttpOnly");
    }

    @Test
    void rejectsMalformedValues() {
        assertThat(timed.decode(null)).isNull();
        assertThat(timed.decode("")).isNull();
        assertThat(timed.decode("abc.zz")).isNull();
        assertThat(timed.decode("abc.1.2.3")).isNull();
        assertThat(timed.decode(".1.2")).isNull();
        assertThat(timed.decode("abc.!!.2")).isNull();
    }

    @Test
    void findsAndStripsOurCookieFromTheRequestHeader() {
        String header = "theme=dark; SRV=abc123; session=\"x=y\"";

        assertThat(plain.find(header)).isEqualTo("abc123");
        assertThat(plain.find("SRVX=1; XSRV=2")).isNull();
        assertThat(plain.find("SRV=\"quoted\"")).isEqualTo("quoted");
        assertThat(plain.strip(header)).isEqualTo("theme=dark; session=\"x=y\"");
        assertThat(plain.strip("SRV=abc123")).isNull();
        assertThat(plain.strip(" SRV=abc123 ;  a=1 ")).isEqualTo("a=1");
        assertThat(plain.strip("a=1;b=2")).isEqualTo("a=1; b=2");
    }

    @Test
    void refusesANameThatIsNotAToken() {
        assertThatThrownBy(() -> new StickyCookie("my cookie", false, false, null, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    }
}
