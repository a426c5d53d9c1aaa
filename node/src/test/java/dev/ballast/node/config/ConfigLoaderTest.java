package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.HealthCheckConfig.StatusRange;

class ConfigLoaderTest {

    private static final String BACKEND = """
            backends:
              - name: web
                servers:
                  - name: web1
                    address: 127.0.0.1:9001
            """;

    private static String withFrontend(String frontendExtras) {
        return """
                frontends:
                  - name: http
                    bind: 127.0.0.1:8080
                    default-backend: web
                """ + frontendExtras + BACKEND;
    }

    @Test
    void loadsTheDemoIntoTheTypedModel() throws Exception {
        BallastConfig config = ConfigLoader.load(Path.of("..", "config", "demo.yaml"));

        assertThat(config.node().name()).isEqualTo("demo-1");
        assertThat(config.admin().bind()).isEqualTo(new HostPort("127.0.0.1", 9900));
        FrontendConfig http = config.frontend("http").orElseThrow();
        assertThat(http.bind()).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(http.defaultBackend()).contains("web");
        assertThat(http.routes()).singleElement().satisfies(route -> {
            assertThat(route.pathPrefix()).contains("/api");
            assertThat(route.backend()).isEqualTo("api");
        });
        assertThat(config.backends()).extracting(BackendConfig::name).containsExactly("web", "api");
        assertThat(config.backend("web").orElseThrow().servers()).extracting(ServerConfig::address).containsExactly(
                new HostPort("127.0.0.1", 9001), new HostPort("127.0.0.1", 9002), new HostPort("127.0.0.1", 9003));
        assertThat(config.backend("api").orElseThrow().balance().algorithm()).isEqualTo(Algorithm.LEASTCONN);
        assertThat(config.cluster().enabled()).isFalse();
    }

    @Test
    void readsEveryKindOfValue() throws Exception {
        BallastConfig config = ConfigLoader.parse("""
                frontends:
                  - name: http
                    bind: "[::1]:8080"
                    routes:
                      - path-regex: "^/v[12]/"
                        methods: [GET, HEAD]
                        header: {name: X-Env, equal-to: canary}
                        backend: web
                    timeouts: {client-idle: 1m30s}
                    limits: {max-header-size: 64k}
                backends:
                  - name: web
                    health-check: {expect-status: [200, "300-302"], jitter: 0}
                    balance: {algorithm: hash, hash-key: cookie, hash-key-name: sid, balance-factor: 1.25}
                    servers:
                      - {name: web1, address: "web1.internal:80", weight: 0, check-port: 8081}
                vips:
                  - address: fd00::10/64
                """, "kinds.yaml");

        FrontendConfig http = config.frontends().get(0);
        assertThat(http.bind()).isEqualTo(new HostPort("::1", 8080));
        RouteConfig route = http.routes().get(0);
        assertThat(route.pathRegex().orElseThrow().matcher("/v2/users").find()).isTrue();
        assertThat(route.methods()).containsExactly("GET", "HEAD");
        assertThat(route.header()).contains(new RouteConfig.HeaderMatch("X-Env", Optional.of("canary"), Optional.empty()));
        assertThat(http.timeouts().clientIdle()).isEqualTo(Duration.ofSeconds(90));
        assertThat(http.limits().maxHeaderSize()).isEqualTo(65536);
        BackendConfig web = config.backends().get(0);
        assertThat(web.healthCheck().expectStatus()).containsExactly(new StatusRange(200, 200), new StatusRange(300, 302));
        assertThat(web.healthCheck().jitter()).isZero();
        assertThat(web.balance().hashKeyName()).contains("sid");
        assertThat(web.balance().balanceFactor()).contains(1.25);
        assertThat(web.servers().get(0).weight()).isZero();
        assertThat(web.servers().get(0).checkPort()).contains(8081);
        assertThat(config.vips().get(0).cidr()).isEqualTo("fd00::10/64");
    }

    @Test
    void resolvesSecretsFromTheEnvironment(@TempDir Path folder) throws Exception {
        String yaml = "admin:\n  token: ${env:BALLAST_ADMIN_TOKEN}\n" + withFrontend("");
        LoadContext context = new LoadContext("env.yaml", folder, Map.of("BALLAST_ADMIN_TOKEN", "s3cret")::get);

        AdminSettings admin = ConfigLoader.parse(yaml, context).admin();

        assertThat(admin.token()).contains("s3cret");
        assertThat(admin.toString()).doesNotContain("s3cret");
    }

    @Test
    void resolvesSecretsFromFilesRelativeToTheConfiguration(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("token"), "from-interpolated-file\n");
        Files.writeString(folder.resolve("token-file"), "  from-token-file\n");
        Files.writeString(folder.resolve("cluster.key"), "shared");
        Files.writeString(folder.resolve("a.yaml"), "admin:\n  token: ${file:UTF-8:token}\n" + withFrontend(""));
        Files.writeString(folder.resolve("b.yaml"), """
                node: {name: lb1}
                admin: {token-file: token-file}
                logging: {access-log: logs/access.log}
                cluster: {enabled: true, secret-file: cluster.key, peers: ["127.0.0.1:7800"]}
                """ + withFrontend(""));

        assertThat(ConfigLoader.load(folder.resolve("a.yaml")).admin().token()).contains("from-interpolated-file");
        BallastConfig b = ConfigLoader.load(folder.resolve("b.yaml"));
        assertThat(b.admin().token()).contains("from-token-file");
        assertThat(b.cluster().secretFile()).contains(folder.toAbsolutePath().resolve("cluster.key"));
        assertThat(b.logging().accessLog()).contains(folder.toAbsolutePath().resolve("logs/access.log"));
    }

    @Test
    void reportsEveryErrorAtOnceOnePerLine() {
        String yaml = """
                node: {threads: many}
                frontends:
                  - name: http
                    bind: 127.0.0.1:8080
                    default-backend: wbe
                    timeouts: {client-idle: 60}
                """ + BACKEND.replace("127.0.0.1:9001", "10.0.0.1");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "many.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(String.join("\n",
                        "node.threads: expected an integer, got \"many\"",
                        "frontends[http].timeouts.client-idle: 60 has no unit (write e.g. 60s or 60ms; units: ms, s, m, h, d)",
                        "backends[web].servers[web1].address: \"10.0.0.1\" has no port (expected host:port)",
                        "frontends[http].default-backend: no backend named \"wbe\" (did you mean `web`?)"));
    }

    @Test
    void refusesAMissingFileWithItsName(@TempDir Path folder) {
        Path missing = folder.resolve("missing.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors()).containsExactly(
                        new ConfigError(missing.toString(), "cannot read the configuration: no such file")));
    }

    @Test
    void anEmptyFileNeedsFrontendsAndBackends() {
        assertThatThrownBy(() -> ConfigLoader.parse("", "empty.yaml"))
                .hasMessage("frontends: at least 1 frontend is required\nbackends: at least 1 backend is required");
    }

    @Test
    void errorsPrintAsPathColonMessage() {
        assertThat(new ConfigError("backends[web].servers[2].address", "\"10.0.0.1\" has no port"))
                .hasToString("backends[web].servers[2].address: \"10.0.0.1\" has no port");
        assertThat(new InvalidConfigException(List.of(new ConfigError("a", "x"), new ConfigError("b", "y"))))
                .hasMessage("a: x\nb: y");
    }
}
