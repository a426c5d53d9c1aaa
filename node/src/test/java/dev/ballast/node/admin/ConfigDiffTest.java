package dev.ballast.node.admin;

import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDiffTest {

    private static final String BASE = """
            node: {name: n1}
            admin: {token: secret-one}
            frontends:
              - name: web
                bind: "127.0.0.1:8080"
                routes:
                  - {path-regex: "^/api/.*", backend: app}
                default-backend: app
            backends:
              - name: app
                servers:
                  - {name: a, address: "127.0.0.1:9001"}
                  - {name: b, address: "127.0.0.1:9002"}
            """;

    private static BallastConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(yaml, "test.yaml");
    }

    @Test
    void theSameConfigurationParsedTwiceHasNoDifferenceEvenWithRegularExpressions() throws Exception {
        assertThat(ConfigDiff.paths(parse(BASE), parse(BASE))).isEmpty();
    }

    @Test
    void namesEveryChangedKeyByItsConfigurationPath() throws Exception {
        String changed = BASE.replace("name: n1", "name: n2")
                .replace("{name: a, address: \"127.0.0.1:9001\"}", "{name: a, address: \"127.0.0.1:9001\", weight: 4}")
                .replace("^/api/.*", "^/v2/.*")
                .replace("secret-one", "secret-two")
                .replace("bind: \"127.0.0.1:8080\"", "bind: \"127.0.0.1:8081\"\n    maxconn: 10");

        assertThat(ConfigDiff.paths(parse(BASE), parse(changed))).containsExactly(
                "node.name", "admin.token", "frontends[web].bind", "frontends[web].maxconn",
                "frontends[web].routes[0].path-regex", "backends[app].servers[a].weight");
    }

    @Test
    void namedItemsAreMatchedByNameSoAddedRemovedAndReorderedAreTold() throws Exception {
        String changed = BASE.replace("      - {name: a, address: \"127.0.0.1:9001\"}\n", "")
                .replace("      - {name: b, address: \"127.0.0.1:9002\"}\n",
                        "      - {name: c, address: \"127.0.0.1:9003\"}\n      - {name: b, address: \"127.0.0.1:9002\"}\n");

        assertThat(ConfigDiff.paths(parse(BASE), parse(changed)))
                .containsExactly("backends[app].servers[a] (removed)", "backends[app].servers[c] (added)");

        String reordered = BASE.replace("      - {name: a, address: \"127.0.0.1:9001\"}\n", "")
                .replace("      - {name: b, address: \"127.0.0.1:9002\"}\n",
                        "      - {name: b, address: \"127.0.0.1:9002\"}\n      - {name: a, address: \"127.0.0.1:9001\"}\n");
        assertThat(ConfigDiff.paths(parse(BASE), parse(reordered))).containsExactly("backends[app].servers (order)");
    }
}
