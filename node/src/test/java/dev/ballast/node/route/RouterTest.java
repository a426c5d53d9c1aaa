package dev.ballast.node.route;

import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.RouteConfig;
import dev.ballast.node.config.RouteConfig.HeaderMatch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {

    @Test
    void exactHostIsCaseInsensitiveAndIgnoresPortAndTrailingDot() {
        Router router = router(null, route("api").host("API.Example.com"));

        assertThat(router.route(get("api.example.com", "/"))).isEqualTo("api");
        assertThat(router.route(get("Api.EXAMPLE.com:8080", "/"))).isEqualTo("api");
        assertThat(router.route(get("api.example.com.", "/"))).isEqualTo("api");
        assertThat(router.route(get("api.example.com.evil", "/"))).isNull();
        assertThat(router.route(get("xapi.example.com", "/"))).isNull();
        assertThat(router.route(get(null, "/"))).isNull();
    }

    @Test
    void wildcardHostMatchesSubdomainsButNotTheBareDomain() {
        Router router = router(null, route("wild").host("*.example.com"));

        assertThat(router.route(get("a.example.com", "/"))).isEqualTo("wild");
        assertThat(router.route(get("a.b.EXAMPLE.com:443", "/"))).isEqualTo("wild");
        assertThat(router.route(get("example.com", "/"))).isNull();
        assertThat(router.route(get(".example.com", "/"))).isNull();
        assertThat(router.route(get("badexample.com", "/"))).isNull();
        assertThat(router.route(get("a.example.com.org", "/"))).isNull();
    }

    @Test
    void ipLiteralHostsWithAndWithoutPort() {
        Router router = router(null,
                route("v6").host("[::1]"),
                route("v6bare").host("fe80::2"),
                route("v4").host("10.0.0.1"));

        assertThat(router.route(get("[::1]:8080", "/"))).isEqualTo("v6");
        assertThat(router.route(get("[::1]", "/"))).isEqualTo("v6");
        assertThat(router.route(get("[FE80::2]:80", "/"))).isEqualTo("v6bare");
        assertThat(router.route(get("10.0.0.1:80", "/"))).isEqualTo("v4");
        assertThat(router.route(get("10.0.0.10", "/"))).isNull();
    }

    @Test
    void pathPrefix() {
        Router router = router(null, route("static").prefix("/static/"));

        assertThat(router.route(get("h", "/static/app.js"))).isEqualTo("static");
        assertThat(router.route(get("h", "/static/"))).isEqualTo("static");
        assertThat(router.route(get("h", "/static"))).isNull();
        assertThat(router.route(get("h", "/Static/app.js"))).isNull();
    }

    @Test
    void pathRegexUsesFindUnlessAnchored() {
        Router router = router(null,
                route("anchored").regex("^/v[0-9]+/users$"),
                route("found").regex("\\.php"));

        assertThat(router.route(get("h", "/v2/users"))).isEqualTo("anchored");
        assertThat(router.route(get("h", "/v2/users/7"))).isNull();
        assertThat(router.route(get("h", "/legacy/index.php"))).isEqualTo("found");
    }

    @Test
    void headerPresentEqualsAndRegex() {
        Router present = router(null, route("p").header(new HeaderMatch("X-Canary", Optional.empty(), Optional.empty())));
        Router equalTo = router(null, route("e").header(new HeaderMatch("x-tenant", Optional.of("blue"), Optional.empty())));
        Router regex = router(null, route("r").header(new HeaderMatch("User-Agent", Optional.empty(),
                Optional.of(Pattern.compile("(?i)bot")))));

        assertThat(present.route(get("h", "/", "x-canary", ""))).isEqualTo("p");
        assertThat(present.route(get("h", "/"))).isNull();
        assertThat(equalTo.route(get("h", "/", "X-Tenant", "blue"))).isEqualTo("e");
        assertThat(equalTo.route(get("h", "/", "X-Tenant", "Blue"))).isNull();
        assertThat(equalTo.route(get("h", "/", "X-Tenant", "blueish"))).isNull();
        assertThat(regex.route(get("h", "/", "user-agent", "Googlebot/2.1"))).isEqualTo("r");
        assertThat(regex.route(get("h", "/", "user-agent", "curl/8"))).isNull();
        assertThat(regex.route(get("h", "/"))).isNull();
    }

    @Test
    void methodList() {
        Router router = router(null, route("writes").methods("post", "PUT"));

        assertThat(router.route(request("POST", "h", "/"))).isEqualTo("writes");
        assertThat(router.route(request("PUT", "h", "/"))).isEqualTo("writes");
        assertThat(router.route(request("GET", "h", "/"))).isNull();
        // methods are case-sensitive on the wire
        assertThat(router.route(request("post", "h", "/"))).isNull();
    }

    @Test
    void allConditionsOfARuleMustMatch() {
        Router router = router(null, route("both").host("a.example.com").prefix("/api").methods("GET"));

        assertThat(router.route(get("a.example.com", "/api/x"))).isEqualTo("both");
        assertThat(router.route(get("b.example.com", "/api/x"))).isNull();
        assertThat(router.route(get("a.example.com", "/web"))).isNull();
        assertThat(router.route(request("DELETE", "a.example.com", "/api/x"))).isNull();
    }

    @Test
    void firstMatchingRuleWinsInConfiguredOrder() {
        Router router = router(null,
                route("specific").host("a.example.com").prefix("/api"),
                route("host").host("a.example.com"),
                route("catchall"));

        assertThat(router.route(get("a.example.com", "/api"))).isEqualTo("specific");
        assertThat(router.route(get("a.example.com", "/"))).isEqualTo("host");
        assertThat(router.route(get("other", "/"))).isEqualTo("catchall");
    }

    @Test
    void defaultBackendWhenNoRuleMatchesAndNullWithoutOne() {
        Router withDefault = router("fallback", route("api").prefix("/api"));
        Router withoutDefault = router(null, route("api").prefix("/api"));

        assertThat(withDefault.route(get("h", "/other"))).isEqualTo("fallback");
        assertThat(withDefault.route(get("h", "/api"))).isEqualTo("api");
        assertThat(withoutDefault.route(get("h", "/other"))).isNull();
        assertThat(router("only").route(get("h", "/"))).isEqualTo("only");
    }

    @Test
    void invalidRulesAreRefusedNamingTheRoute() {
        assertThatThrownBy(() -> router(null, route("ok"), route("bad").host("a.*.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route #2")
                .hasMessageContaining("a.*.com");
        assertThatThrownBy(() -> router(null, route("x").header(new HeaderMatch("h", Optional.of("v"),
                Optional.of(Pattern.compile("v"))))))
                .hasMessageContaining("both equals and regex");
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static Router router(String defaultBackend, RouteBuilder... routes) {
        FrontendConfig frontend = new FrontendConfig("web", new HostPort("127.0.0.1", 0), FrontendConfig.Mode.HTTP, 0,
                Optional.ofNullable(defaultBackend),
                Arrays.stream(routes).map(RouteBuilder::build).toList(),
                new FrontendConfig.ForwardedHeaders(true, true, true, true, true),
                new FrontendConfig.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        Duration.ZERO),
                new FrontendConfig.Limits(8192, 16384));
        return Router.of(frontend);
    }

    private static RouteBuilder route(String backend) {
        return new RouteBuilder(backend);
    }

    private static RouteInput get(String host, String path, String... headers) {
        return request("GET", host, path, headers);
    }

    private static RouteInput request(String method, String host, String path, String... headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            byName.put(headers[i], headers[i + 1]);
        }
        return new RouteInput() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String header(String name) {
                return byName.get(name);
            }
        };
    }

    private static final class RouteBuilder {
        private final String backend;
        private String host;
        private String prefix;
        private Pattern regex;
        private List<String> methods = List.of();
        private HeaderMatch header;

        RouteBuilder(String backend) {
            this.backend = backend;
        }

        RouteBuilder host(String value) {
            host = value;
            return this;
        }

        RouteBuilder prefix(String value) {
            prefix = value;
            return this;
        }

        RouteBuilder regex(String value) {
            regex = Pattern.compile(value);
            return this;
        }

        RouteBuilder methods(String... values) {
            methods = List.of(values);
            return this;
        }

        RouteBuilder header(HeaderMatch value) {
            header = value;
            return this;
        }

        RouteConfig build() {
            return new RouteConfig(backend, Optional.ofNullable(host), Optional.ofNullable(prefix),
                    Optional.ofNullable(regex), methods, Optional.ofNullable(header));
        }
    }
}
