package dev.ballast.node.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

    @Test
    void theClusterSectionShowsMembersRolesAndVipOwners() throws Exception {
        Path profile = Files.createDirectory(folder.resolve("chromium-profile"));
        Optional<HeadlessChromium> chromium = HeadlessChromium.find(profile);
        assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium; .ci/run does)");
        // The cluster as the node-cluster wiring will report it through the ClusterView port.
        ClusterView.ClusterStatus status = new ClusterView.ClusterStatus(true, "ballast", "lb1",
                new ClusterView.Quorum("majority", true),
                List.of(new ClusterView.Member("lb1", "127.0.0.1:7800", true, true, "primary",
                                List.of("10.0.0.100/32")),
                        new ClusterView.Member("lb2", "127.0.0.1:7801", false, true, "standby", List.of())),
                List.of(new ClusterView.Vip("10.0.0.100/32", "lb1"), new ClusterView.Vip("10.0.0.101/32", null)),
                new ClusterView.Failover(Instant.parse("2026-11-26T23:00:00Z"), "lb2", "lb1", "lb2 left the view"));
        ClusterView cluster = new ClusterView() {
            @Override
            public ClusterView.ClusterStatus status() {
                return status;
            }

            @Override
            public String role() {
                return "primary";
            }

            @Override
            public void promote(String member) {
                throw new IllegalStateException("not in this test");
            }
        };
        Path config = Files.createDirectory(folder.resolve("config"));
        node = new AdminNode(config, "token-file: token", AdminNode.threeServers(""),
                new AdminWiring.Ports(TrafficView.NONE, Optional.empty(), cluster));

        String dom = chromium.get().dumpDom("http://ops:" + AdminNode.TOKEN + "@127.0.0.1:"
                + node.admin.address().getPort() + "/stats");

        assertThat(dom).as("rendered DOM").contains("<div id=\"status\" class=\"\">Updated ")
                .contains("role primary", "quorum majority: reached", "last failover 2026-11-26T23:00:00Z: lb2 → lb1")
                .contains("data-member=\"lb1\"><td class=\"name\">lb1 (this node)</td>")
                .contains("data-member=\"lb2\"><td class=\"name\">lb2</td>")
                .contains("<td class=\"text\">primary</td>", "<td class=\"text\">standby</td>")
                .contains("data-vip=\"10.0.0.100/32\"><td class=\"name\">10.0.0.100/32</td><td class=\"text\">lb1</td>")
                .contains("data-vip=\"10.0.0.101/32\"><td class=\"name\">10.0.0.101/32</td>"
                        + "<td class=\"text\"><span class=\"down\">none</span></td>");
    }
}
