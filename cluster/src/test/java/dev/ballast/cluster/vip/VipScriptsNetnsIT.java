package dev.ballast.cluster.vip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real vip-scripts in network namespaces this test creates: two node namespaces and a client namespace, each
 * with a veth into a bridge that lives in a fourth namespace, on 10.203.0.0/24, which exists only inside them.
 * Needs root (CI runs as root), {@code ip netns} and iputils arping (and iptables for vip-handover); skipped
 * otherwise. That vip-handover's forwarding keeps a connection alive is shown by ScriptModeNetnsIT (node module).
 */
class VipScriptsNetnsIT {

    private static final String VIP = "10.203.0.100/24";
    private static final String VIP_ADDRESS = "10.203.0.100";
    private static final String IFACE = "vip0";
    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f:]{17})");

    private final String prefix = "bvt" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final String bridgeNs = prefix + "-sw";
    private final String node1 = prefix + "-n1";
    private final String node2 = prefix + "-n2";
    private final String client = prefix + "-cl";
    private final List<String> created = new ArrayList<>();
    private Path scripts;

    @BeforeEach
    void createNamespaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        assumeTrue(run("ip", "netns", "list").exitCode() == 0, "`ip netns` is unavailable");
        assumeTrue(run("sh", "-c", "command -v arping").exitCode() == 0, "arping (iputils-arping) is not installed");
        scripts = Path.of(System.getProperty("ballast.home", ".."), "vip-scripts").toAbsolutePath();
        assertThat(Files.isExecutable(scripts.resolve("vip-up"))).as("vip-up in " + scripts).isTrue();

        for (String ns : List.of(bridgeNs, node1, node2, client)) {
            ok("ip", "netns", "add", ns);
            created.add(ns);
            ok("ip", "-n", ns, "link", "set", "lo", "up");
        }
        ok("ip", "-n", bridgeNs, "link", "add", "br0", "type", "bridge");
        ok("ip", "-n", bridgeNs, "link", "set", "br0", "up");
        int host = 11;
        for (String ns : List.of(node1, node2, client)) {
            String port = "p" + host;
            ok("ip", "link", "add", IFACE, "netns", ns, "type", "veth", "peer", "name", port, "netns", bridgeNs);
            ok("ip", "-n", bridgeNs, "link", "set", port, "master", "br0");
            ok("ip", "-n", bridgeNs, "link", "set", port, "up");
            ok("ip", "-n", ns, "addr", "add", "10.203.0." + host++ + "/24", "dev", IFACE);
            ok("ip", "-n", ns, "link", "set", IFACE, "up");
        }
    }

    @AfterEach
    void deleteNamespaces() throws Exception {
        for (String ns : created) {
            Result result = run("ip", "netns", "del", ns);
            if (result.exitCode() != 0) {
                System.out.println("could not delete namespace " + ns + ": " + result.output());
            }
        }
    }

    @Test
    void vipMovesBetweenNodesAndTheClientFollowsTheGratuitousArp() throws Exception {
        assertThat(script(node1, "vip-up", VIP).exitCode()).isZero();
        assertThat(script(node1, "vip-up", VIP).exitCode()).as("idempotent").isZero();
        assertThat(script(node1, "vip-status", VIP_ADDRESS).exitCode()).isZero();
        assertThat(script(node2, "vip-status", VIP_ADDRESS).exitCode()).isEqualTo(1);

        // The client talked to node 1 before: a stale entry for the VIP with node 1's MAC.
        ok("ip", "-n", client, "neigh", "replace", VIP_ADDRESS, "lladdr", macOf(node1), "dev", IFACE, "nud", "stale");

        assertThat(script(node1, "vip-down", VIP).exitCode()).isZero();
        assertThat(script(node1, "vip-down", VIP).exitCode()).as("idempotent").isZero();
        assertThat(script(node1, "vip-status", VIP_ADDRESS).exitCode()).isEqualTo(1);

        long start = System.nanoTime();
        assertThat(script(node2, "vip-up", VIP).exitCode()).isZero();
        long upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("MEASURED vip-up (add + background gratuitous ARP) returned in " + upMillis + " ms");
        assertThat(upMillis).as("vip-up must not wait for arping").isLessThan(900);
        assertThat(script(node2, "vip-status", VIP_ADDRESS).exitCode()).isZero();

        String node2Mac = macOf(node2);
        await("client's neighbour entry follows the gratuitous ARP").atMost(Duration.ofSeconds(5))
                .until(() -> run("ip", "-n", client, "neigh", "show", VIP_ADDRESS, "dev", IFACE).output()
                        .contains(node2Mac));
    }

    @Test
    void vipHandoverForwardsToAFormerOwnerOnTheLinkUntilItEndsOrTheVipGoesDown() throws Exception {
        assumeTrue(run("sh", "-c", "command -v iptables").exitCode() == 0, "iptables is not installed");
        String jump = "-A PREROUTING -d " + VIP_ADDRESS + "/32 -p tcp -j BALLAST-HO-";

        assertThat(handover(node2, "begin", "10.203.0.11").exitCode()).isZero();
        assertThat(handover(node2, "begin", "10.203.0.11").exitCode()).as("idempotent").isZero();
        String rules = mangleRules(node2);
        assertThat(rules.lines().filter(line -> line.startsWith(jump))).as(rules).hasSize(1);
        assertThat(rules).contains("--tcp-flags FIN,SYN,RST,ACK SYN -j RETURN", "-m socket -j RETURN",
                "-j TEE --gateway 10.203.0.11", "-j DROP");
        assertThat(handover(node2, "end", null).exitCode()).isZero();
        assertThat(mangleRules(node2)).doesNotContain("BALLAST-HO-");
        assertThat(handover(node2, "end", null).exitCode()).as("idempotent").isZero();

        assertThat(handover(node2, "begin", "10.203.0.11").exitCode()).isZero();
        assertThat(script(node2, "vip-up", VIP).exitCode()).isZero();
        assertThat(script(node2, "vip-down", VIP).exitCode()).isZero();
        assertThat(mangleRules(node2)).as("vip-down ends the forwarding").doesNotContain("BALLAST-HO-");

        Result routed = handover(node2, "begin", "10.99.0.1");
        assertThat(routed.exitCode()).as(routed.output()).isEqualTo(6);
        assertThat(routed.output()).contains("is not a neighbour on " + IFACE);
        assertThat(handover(node2, "begin", "10.203.0.12").exitCode()).as("itself").isEqualTo(6);
        assertThat(handover(node2, "begin", "fd00::11").exitCode()).as("another family").isEqualTo(6);
        assertThat(mangleRules(node2)).doesNotContain("BALLAST-HO-");
    }

    @Test
    void exitCodesForUsageAndMissingInterface() throws Exception {
        assertThat(script(node1, "vip-up", VIP_ADDRESS).exitCode()).as("prefix missing").isEqualTo(2);
        assertThat(run("ip", "netns", "exec", node1, scripts.resolve("vip-status").toString()).exitCode())
                .as("no arguments").isEqualTo(2);
        assertThat(run("ip", "netns", "exec", node1, scripts.resolve("vip-down").toString(), VIP, "nosuch0")
                .exitCode()).isEqualTo(3);
    }

    private Result script(String ns, String name, String vip) throws IOException, InterruptedException {
        return run("ip", "netns", "exec", ns, scripts.resolve(name).toString(), vip, IFACE);
    }

    /** vip-handover ACTION VIP IFACE [FORMER_OWNER] in the namespace. */
    private Result handover(String ns, String action, String formerOwner) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                scripts.resolve("vip-handover").toString(), action, VIP, IFACE));
        if (formerOwner != null) {
            command.add(formerOwner);
        }
        return run(command.toArray(String[]::new));
    }

    private static String mangleRules(String ns) throws IOException, InterruptedException {
        return ok("ip", "netns", "exec", ns, "iptables", "-t", "mangle", "-S");
    }

    private String macOf(String ns) throws IOException, InterruptedException {
        Matcher matcher = MAC.matcher(ok("ip", "-n", ns, "-o", "link", "show", IFACE));
        assertThat(matcher.find()).as("MAC of " + IFACE + " in " + ns).isTrue();
        return matcher.group(1);
    }

    private static String ok(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.output()).isZero();
        return result.output();
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 20 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
