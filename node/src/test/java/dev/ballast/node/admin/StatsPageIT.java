package dev.ballast.node.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The /stats page as a browser renders it: headless chromium opens it with Basic credentials (any user, the token
 * as password), the page's script fetches the JSON endpoints, and the rendered DOM shows every server and its
 * states. Also writes the screenshot kept as docs/stats-page.png (target/stats-page.png).
 */
class StatsPageIT {

    @TempDir
    Path folder;
    private AdminNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theRenderedPageShowsEveryServerWithItsStates() throws Exception {
        Path profile = Files.createDirectory(folder.resolve("chromium-profile"));
        Optional<HeadlessChromium> chromium = HeadlessChromium.find(profile);
        assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium; .ci/run does)");
        Path config = Files.createDirectory(folder.resolve("config"));
        node = new AdminNode(config, "token-file: token", AdminNode.threeServers(""),
                AdminWiring.Ports.nothingWired("admin-test"));
        assertThat(node.post("/api/v1/backends/app/servers/b/state", "{\"state\":\"drain\"}").statusCode())
                .isEqualTo(200);
        assertThat(node.post("/api/v1/backends/app/servers/c/health", "{\"force\":\"down\"}").statusCode())
                .isEqualTo(200);
        String url = "http://ops:" + AdminNode.TOKEN + "@127.0.0.1:" + node.admin.address().getPort() + "/stats";

        String dom = chromium.get().dumpDom(url);

        assertThat(dom).as("rendered DOM").contains("Ballast <span id=\"node-name\">admin-test</span>")
                .contains("<div id=\"status\" class=\"\">Updated ")
                .contains("data-backend=\"app\"", "Backend app")
                .contains("data-server=\"app/a\"", "data-server=\"app/b\"", "data-server=\"app/c\"")
                .contains("data-id=\"admin:app/a\">ready<", "data-id=\"health:app/a\">up<")
                .contains("data-id=\"admin:app/b\">drain<")
                .contains("data-id=\"health:app/c\">down (forced)<")
                .contains("id=\"cluster-disabled\"", "admin-test runs standalone")
                .contains("id=\"no-traffic\"");

        Path png = Path.of("target", "stats-page.png");
        chromium.get().screenshot(url, png, 1600, 600);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}
