package dev.ballast.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ballast.node.Main;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ballast nodes as separate processes, each inside a network namespace this test creates, with the real vip-scripts:
 * two node namespaces, a client namespace and a backend namespace, each with a veth into a bridge that lives in a
 * fifth namespace, on 10.213.0.0/24, which exists only inside them. A client in its namespace keeps requesting the
 * VIP while the primary is killed (kill -9); the standby must take the VIP over and answer, and once the killed
 * node is back (it removes what its killed run left on its interface) the VIP must be on exactly one node. And the
 * primary's switch port goes down and up again, several times: after every heal exactly one node holds the VIP.
 * Needs root (CI runs as root), {@code ip netns} and iputils arping; skipped otherwise.
 */
class VipFailoverNetnsIT {

    private static final String NET = "10.213.0.";
    private static final int PARTITION_CYCLES = Integer.getInteger("partition.cycles", 3);
    private static final String VIP_ADDRESS = NET + "100";
    private static final String IFACE = "vip0";
    private static final String BACKEND = NET + "21:22081";
    private static final int FRONTEND_PORT = 22080;
    private static final int CLUSTER_PORT = 22100;
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final List<String> JVM = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
            "-cp", System.getProperty("java.class.path"));

    @TempDir
    Path dir;

    private final String prefix = "cf-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final String bridgeNs = prefix + "-sw";
    private final String clientNs = prefix + "-cl";
    private final String backendNs = prefix + "-be";
    private final List<String> createdNamespaces = new ArrayList<>();
    private final List<Process> helpers = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private Path secret;

    @BeforeEach
    void createNamespaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        assumeTrue(run("ip", "netns", "list").exitCode() == 0, "`ip netns` is unavailable");
        assumeTrue(run("sh", "-c", "command -v arping").exitCode() == 0, "arping (iputils-arping) is not installed");
        assertThat(Files.isExecutable(vipScripts().resolve("vip-up"))).as("vip-up in " + vipScripts()).isTrue();

        for (String ns : List.of(bridgeNs, nodeNs("n1"), nodeNs("n2"), clientNs, backendNs)) {
            ok("ip", "netns", "add", ns);
            createdNamespaces.add(ns);
            ok("ip", "-n", ns, "link", "set", "lo", "up");
        }
        ok("ip", "-n", bridgeNs, "link", "add", "br0", "type", "bridge");
        ok("ip", "-n", bridgeNs, "link", "set", "br0", "up");
        attach(nodeNs("n1"), NET + "11");
        attach(nodeNs("n2"), NET + "12");
        attach(clientNs, NET + "10");
        attach(backendNs, NET + "21");
        secret = Files.writeString(dir.resolve("cluster-secret"), "the secret both nodes share, long enough");
    }

    @AfterEach
    void deleteNamespaces() throws Exception {
        for (NodeProcess node : nodes) {
            node.close();
        }
        for (Process helper : helpers) {
            helper.destroyForcibly();
            helper.waitFor(10, TimeUnit.SECONDS);
        }
        for (String ns : createdNamespaces) {
            Result result = run("ip", "netns", "del", ns);
            if (result.exitCode() != 0) {
                System.out.println("could not delete namespace " + ns + ": " + result.output());
            }
        }
    }

    @Test
    void killedPrimaryHandsTheVipToTheStandbyAndTheClientGetsThrough() throws Exception {
        startHelper(backendNs, "backend", Main.class.getName(), "demo-backend", "--name", "web", "--bind", NET + "21",
                "--port", "22081");
        NodeProcess first = startNode("n1");
        NodeProcess second = startNode("n2");
        first.awaitLogged(STARTUP, "(2) [");
        second.awaitLogged(STARTUP, "(2) [");
        await("exactly one primary, holding the VIP").atMost(STARTUP).during(Duration.ofSeconds(1))
                .until(() -> first.isPrimary() != second.isPrimary() && vipHolders().size() == 1);
        NodeProcess primary = first.isPrimary() ? first : second;
        NodeProcess standby = primary == first ? second : first;
        assertThat(vipHolders()).containsExactly(primary.name());

        List<String> answers = new CopyOnWriteArrayList<>();
        startHelper(clientNs, "client", VipClientMain.class.getName(), VIP_ADDRESS, Integer.toString(FRONTEND_PORT),
                "300").onLine(answers::add);
        await("the client gets answers through the VIP").atMost(STARTUP).until(() -> answeredSince(answers, 0) >= 20);

        int answeredBeforeKill = answers.size();
        primary.kill();
        await(standby.name() + " takes the VIP over and the client gets through").atMost(Duration.ofSeconds(60))
                .until(() -> standby.isPrimary() && answeredSince(answers, answeredBeforeKill) >= 20);
        List<String> sinceStart = List.copyOf(answers);
        List<String> afterKill = sinceStart.subList(answeredBeforeKill, sinceStart.size());
        System.out.println("MEASURED kill -9 of the primary in namespaces: " + afterKill.stream()
                .filter(line -> line.startsWith("fail")).count() + " failed request(s) before "
                + standby.name() + " answered; first failures: " + afterKill.stream()
                .filter(line -> line.startsWith("fail")).limit(3).toList());
        assertThat(vipHolders()).as("the standby holds the VIP").contains(standby.name());

        // The killed node could not remove the VIP from its interface; restarted, it does, and stays standby.
        NodeProcess returning = startNode(primary.name());
        returning.awaitLogged(STARTUP, "(2) [");
        await("the VIP is on exactly one node, the one that took over").atMost(Duration.ofSeconds(30))
                .until(() -> vipHolders().equals(List.of(standby.name())));
        int answeredAfterReturn = answers.size();
        await("the client still gets through").atMost(Duration.ofSeconds(30))
                .until(() -> answeredSince(answers, answeredAfterReturn) >= 20);
        assertThat(returning.everPrimary()).as("the returning node stays standby").isFalse();
        assertThat(standby.isPrimary()).isTrue();
    }

    /**
     * The bench/failover split brain: the primary's link goes down (it loses its tiebreaker and drops the VIP, the
     * standby takes over), then up again; once the partitions have merged exactly one node may hold the VIP, and the
     * client must get through it.
     */
    @Test
    void linkDownAndUpOfThePrimaryLeavesExactlyOneVipHolderEveryTime() throws Exception {
        startHelper(backendNs, "backend", Main.class.getName(), "demo-backend", "--name", "web", "--bind", NET + "21",
                "--port", "22081");
        NodeProcess first = startNode("n1");
        NodeProcess second = startNode("n2");
        first.awaitLogged(STARTUP, "(2) [");
        second.awaitLogged(STARTUP, "(2) [");
        awaitOneVipHolder(first, second, "after the start");
        List<String> answers = new CopyOnWriteArrayList<>();
        startHelper(clientNs, "client", VipClientMain.class.getName(), VIP_ADDRESS, Integer.toString(FRONTEND_PORT),
                "300").onLine(answers::add);

        for (int cycle = 1; cycle <= PARTITION_CYCLES; cycle++) {
            String when = " (cycle " + cycle + " of " + PARTITION_CYCLES + ")";
            NodeProcess primary = first.isPrimary() ? first : second;
            NodeProcess standby = primary == first ? second : first;
            int mergesBefore = standby.countLogged("settled: claims before");
            ok("ip", "-n", bridgeNs, "link", "set", switchPort(primary.name()), "down");
            await(standby.name() + " takes the VIP over" + when).atMost(Duration.ofSeconds(60))
                    .until(() -> vipHolders().equals(List.of(standby.name())));
            long healedAt = System.currentTimeMillis();
            ok("ip", "-n", bridgeNs, "link", "set", switchPort(primary.name()), "up");
            await("the partitions merge" + when).atMost(Duration.ofSeconds(60))
                    .until(() -> standby.countLogged("settled: claims before") > mergesBefore);
            awaitOneVipHolder(first, second, "after the heal" + when);
            System.out.println("MEASURED link down + up in namespaces" + when + ": " + vipHolders()
                    + " holds the VIP, merged and steady " + (System.currentTimeMillis() - healedAt)
                    + " ms after the link came back");
            int answeredAfterHeal = answers.size();
            await("the client gets through the VIP" + when).atMost(Duration.ofSeconds(30))
                    .until(() -> answeredSince(answers, answeredAfterHeal) >= 10);
        }
    }

    private void awaitOneVipHolder(NodeProcess first, NodeProcess second, String when) {
        await("exactly one primary, holding the VIP, " + when).atMost(STARTUP).during(Duration.ofSeconds(3))
                .until(() -> first.isPrimary() != second.isPrimary() && vipHolders().size() == 1);
    }

    /** Successful requests among the client's lines from index {@code from} on. */
    private static long answeredSince(List<String> answers, int from) {
        List<String> snapshot = List.copyOf(answers);
        return snapshot.subList(Math.min(from, snapshot.size()), snapshot.size()).stream()
                .filter(line -> line.startsWith("ok")).count();
    }

    private NodeProcess startNode(String name) throws IOException {
        String yaml = """
                node:
                  name: %s
                  graceful-stop: 5s
                admin:
                  enabled: false
                frontends:
                  - name: http
                    bind: 0.0.0.0:%d
                    default-backend: web
                backends:
                  - name: web
                    servers:
                      - name: web
                        address: %s
                cluster:
                  enabled: true
                  name: netns-test
                  bind: %s:%d
                  peers: [%s:%d, %s:%d]
                  secret-file: %s
                  profile: safe            # a kill is seen by the closed sockets; no false suspicion on a busy CI
                  quorum: tiebreaker
                  tiebreaker: %s
                vips:
                  - address: %s/24
                    iface: %s
                    mode: script
                """.formatted(name, FRONTEND_PORT, BACKEND, nodeAddress(name), CLUSTER_PORT, nodeAddress("n1"),
                CLUSTER_PORT, nodeAddress("n2"), CLUSTER_PORT, secret, BACKEND, VIP_ADDRESS, IFACE);
        Path config = Files.writeString(dir.resolve(name + ".yaml"), yaml, StandardCharsets.UTF_8);
        NodeProcess node = NodeProcess.start(name, config, List.of("ip", "netns", "exec", nodeNs(name)),
                "--vip-scripts", vipScripts().toString());
        nodes.add(node);
        return node;
    }

    private List<String> vipHolders() throws IOException, InterruptedException {
        List<String> holders = new ArrayList<>();
        for (String name : List.of("n1", "n2")) {
            if (ok("ip", "-n", nodeNs(name), "-o", "addr", "show", "dev", IFACE).contains("inet " + VIP_ADDRESS + "/")) {
                holders.add(name);
            }
        }
        return holders;
    }

    private Helper startHelper(String ns, String name, String... mainAndArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(JVM);
        command.addAll(List.of(mainAndArguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        helpers.add(process);
        return new Helper(name, process);
    }

    /** A helper process (backend, client) whose output lines go to the test's output and to an optional listener. */
    private static final class Helper {
        private volatile Consumer<String> listener = line -> { };

        Helper(String name, Process process) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        listener.accept(line);
                        if (!line.startsWith("ok")) {
                            System.out.println("[" + name + "] " + line);
                        }
                    }
                } catch (IOException e) {
                    System.out.println("[" + name + "] output closed: " + e);
                }
            }, "output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        Helper onLine(Consumer<String> listener) {
            this.listener = listener;
            return this;
        }
    }

    private static String switchPort(String node) {
        return "p" + nodeAddress(node).substring(nodeAddress(node).lastIndexOf('.') + 1);
    }

    private void attach(String ns, String address) throws IOException, InterruptedException {
        String port = "p" + address.substring(address.lastIndexOf('.') + 1);
        ok("ip", "link", "add", IFACE, "netns", ns, "type", "veth", "peer", "name", port, "netns", bridgeNs);
        ok("ip", "-n", bridgeNs, "link", "set", port, "master", "br0");
        ok("ip", "-n", bridgeNs, "link", "set", port, "up");
        ok("ip", "-n", ns, "addr", "add", address + "/24", "dev", IFACE);
        ok("ip", "-n", ns, "link", "set", IFACE, "up");
    }

    private String nodeNs(String name) {
        return prefix + "-" + name;
    }

    private static String nodeAddress(String name) {
        return NET + (name.equals("n1") ? "11" : "12");
    }

    private static Path vipScripts() {
        return Path.of(System.getProperty("ballast.home", ".."), "vip-scripts").toAbsolutePath();
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
