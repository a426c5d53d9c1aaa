package dev.ballast.compose;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.ExecInContainerPattern;
import org.testcontainers.utility.LogUtils;

/**
 * The pair of compose/docker-compose.yml, started with the local docker-compose by Testcontainers under a project
 * named ballast-e2e..., with the node image built from the current distribution. Knows the addresses the compose
 * file gives the nodes, the backends and the VIP, and kills, starts, pauses, disconnects and reconnects containers
 * by service name.
 */
final class ComposePair implements AutoCloseable {

    /** How the two nodes are started. */
    enum Start {
        /** Both at once, as {@code docker compose up} does: they race to found the cluster. */
        SIMULTANEOUS,
        /** lb1 first; lb2 once lb1 holds the VIP, as an operator adding a second node does. */
        STAGGERED
    }

    static final String VIP = "172.29.0.100";
    static final String SUBNET = "172.29.0.0/24";
    static final Map<String, String> NODE_ADDRESSES = Map.of("lb1", "172.29.0.11", "lb2", "172.29.0.12");
    static final List<String> BACKENDS = List.of("web1", "web2", "web3");

    private static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private static final Duration BASE_IMAGE_TIMEOUT = Duration.ofMinutes(10);
    /** A pair of an earlier run (or someone's demo) holding the subnet: wait this long for it to go away. */
    private static final Duration SUBNET_WAIT = Duration.ofMinutes(5);

    private final DockerComposeContainer<?> compose;
    private final DockerClient docker;
    private final Path ballastHome;
    private final Map<String, String> composeEnv;
    private final Map<String, Integer> adminPorts;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String project;

    private ComposePair(DockerComposeContainer<?> compose, Path ballastHome, Map<String, String> composeEnv,
                        Map<String, Integer> adminPorts, String adminToken) {
        this.compose = compose;
        this.docker = DockerClientFactory.instance().client();
        this.ballastHome = ballastHome;
        this.composeEnv = composeEnv;
        this.adminPorts = adminPorts;
        this.adminToken = adminToken;
    }

    /**
     * Starts the pair and waits until both nodes proxy requests to a backend (after {@link Start#STAGGERED}, also
     * until lb1 held the VIP before lb2 started). Skips the calling test (assumption) when there is no Docker engine
     * or no docker-compose.
     */
    static ComposePair start(Path ballastHome, Start start) throws IOException, InterruptedException {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers: the compose end-to-end tests need one (compose/ensure-docker sets it up)");
        Assumptions.assumeTrue(onPath("docker-compose"),
                "docker-compose is not installed: the compose end-to-end tests need it (compose/ensure-docker)");
        awaitSubnetFree(DockerClientFactory.instance().client());
        Map<String, String> env = Map.of(
                "BALLAST_BASE_IMAGE", baseImage(ballastHome),
                "BALLAST_LB1_ADMIN_PORT", String.valueOf(freePort()),
                "BALLAST_LB2_ADMIN_PORT", String.valueOf(freePort()));
        // The token file both nodes' configurations name (config/compose-lb*.yaml).
        String adminToken = Files.readString(ballastHome.resolve("config/secrets/example-admin-token")).trim();
        DockerComposeContainer<?> compose = new DockerComposeContainer<>("ballast-e2e",
                ballastHome.resolve("compose/docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withPull(false)
                .withBuild(true)
                .withEnv(env);
        if (start == Start.STAGGERED) {
            compose.withServices("web1", "web2", "web3", "lb1");
        }
        Map<String, Integer> adminPorts = Map.of("lb1", Integer.parseInt(env.get("BALLAST_LB1_ADMIN_PORT")),
                "lb2", Integer.parseInt(env.get("BALLAST_LB2_ADMIN_PORT")));
        ComposePair pair = new ComposePair(compose, ballastHome, env, adminPorts, adminToken);
        try {
            compose.start();
            pair.project = pair.inspect(compose.getContainerByServiceName("lb1").orElseThrow().getContainerId())
                    .getConfig().getLabels().get(PROJECT_LABEL);
            if (start == Start.STAGGERED) {
                pair.awaitProxying("lb1");
                pair.awaitVipHolders(Set.of("lb1"), Duration.ofMinutes(2), "lb1, alone, holds the VIP");
                pair.composeUp("lb2");
            }
            for (String node : NODE_ADDRESSES.keySet()) {
                pair.awaitProxying(node);
            }
        } catch (RuntimeException | Error | IOException | InterruptedException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    /**
     * Waits until no Docker network uses the compose file's subnet: another pair (a concurrent test run on a shared
     * machine, a demo left running) would make ours fail to start with an obscure "Pool overlaps" error.
     */
    private static void awaitSubnetFree(DockerClient docker) {
        try {
            await("no other Docker network uses " + SUBNET).atMost(SUBNET_WAIT).pollInterval(Duration.ofSeconds(2))
                    .until(() -> networksOnSubnet(docker).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the Docker networks " + networksOnSubnet(docker) + " use the subnet "
                    + SUBNET + " of compose/docker-compose.yml; remove them (docker-compose -p PROJECT down) and "
                    + "run again", e);
        }
    }

    private static List<String> networksOnSubnet(DockerClient docker) {
        List<String> names = new ArrayList<>();
        for (Network network : docker.listNetworksCmd().exec()) {
            if (network.getIpam() != null && network.getIpam().getConfig() != null
                    && network.getIpam().getConfig().stream().anyMatch(c -> SUBNET.equals(c.getSubnet()))) {
                names.add(network.getName());
            }
        }
        return names;
    }

    /**
     * The node image's base: BALLAST_BASE_IMAGE when set (e.g. eclipse-temurin:17-jre where a registry is
     * reachable), else the offline base of compose/base-image/build (built on first use, then cached).
     */
    private static String baseImage(Path ballastHome) throws IOException, InterruptedException {
        String given = System.getenv("BALLAST_BASE_IMAGE");
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path build = ballastHome.resolve("compose/base-image/build");
        Path output = Files.createTempFile("ballast-base-image", ".out");
        try {
            Process process = new ProcessBuilder(build.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(BASE_IMAGE_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(build + " did not finish within " + BASE_IMAGE_TIMEOUT.toMinutes()
                        + " minutes");
            }
            String name = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0 || name.isEmpty()) {
                throw new IllegalStateException(build + " failed (exit " + process.exitValue() + ", its reason is "
                        + "above); set BALLAST_BASE_IMAGE to a Java 17 JRE image to use instead");
            }
            return name;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** docker-compose up -d --no-deps SERVICE in this pair's project, with the environment the pair started with. */
    private void composeUp(String service) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-p", project, "-f",
                ballastHome.resolve("compose/docker-compose.yml").toString(), "up", "-d", "--no-deps", service)
                .directory(ballastHome.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(composeEnv);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("docker-compose up " + service + " failed:\n" + output);
        }
    }

    /** Waits until {@code node} proxies a request on its own address to a backend (a start takes a while). */
    void awaitProxying(String node) {
        await("node " + node + " proxies to a backend").atMost(3, TimeUnit.MINUTES)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> HttpProbe.PATIENT.get(nodeAddress(node), "/", Optional.empty()).status() == 200);
    }

    /**
     * Waits until exactly {@code expected} hold the VIP; the failure message carries the holders seen last and the
     * nodes' logs.
     */
    void awaitVipHolders(Set<String> expected, Duration atMost, String what) {
        awaitHolders(expected::equals, "VIP holders " + expected, atMost, what);
    }

    /** Waits until both nodes' admin APIs list both nodes as members: they share a view (merged, if they were apart). */
    void awaitOneView(Duration atMost, String what) {
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            for (String node : NODE_ADDRESSES.keySet()) {
                String cluster = admin(node, "/api/v1/cluster", true);
                if (!NODE_ADDRESSES.keySet().stream().allMatch(n -> cluster.contains("\"name\":\"" + n + "\""))) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Waits until exactly one node holds the VIP, and names it. */
    String awaitSingleVipHolder(Duration atMost, String what) throws IOException, InterruptedException {
        awaitHolders(holders -> holders.size() == 1, "a single VIP holder", atMost, what);
        return vipHolders().iterator().next();
    }

    private void awaitHolders(Predicate<Set<String>> wanted, String expected, Duration atMost, String what) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> wanted.test(vipHolders()));
        } catch (ConditionTimeoutException e) {
            String seen;
            try {
                seen = String.valueOf(vipHolders());
            } catch (IOException | InterruptedException | RuntimeException f) {
                seen = "(unknown: " + f + ")";
            }
            throw new AssertionError(what + ": expected " + expected + " within " + atMost.toSeconds()
                    + " s, last seen " + seen + "\n" + nodeLogs(), e);
        }
    }

    /**
     * Checks {@code checks} times, a second apart, that exactly {@code expected} hold the VIP: a node that would
     * claim it late (after a start-up hold, a merge) is caught.
     */
    void assertVipHoldersStay(Set<String> expected, int checks, String when) throws IOException,
            InterruptedException {
        for (int i = 0; i < checks; i++) {
            Set<String> holders = vipHolders();
            if (!holders.equals(expected)) {
                throw new AssertionError("VIP holders " + when + ", " + i + " s into watching: " + holders
                        + ", expected only " + expected + "\n" + nodeLogs());
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Watches the VIP's holders for {@code seconds}, a check a second: fails when one of {@code mustNotHold} holds
     * it, or when two nodes hold it at three checks in a row (a handover may overlap for up to 2 s). Tolerates a
     * moment with no holder: under heavy CPU starvation a node may take its own stall for a pause and step back.
     */
    void assertNoLastingSplitBrain(int seconds, Set<String> mustNotHold, String when) throws IOException,
            InterruptedException {
        int bothInARow = 0;
        for (int i = 0; i < seconds; i++) {
            Set<String> holders = vipHolders();
            bothInARow = holders.size() > 1 ? bothInARow + 1 : 0;
            if (bothInARow >= 3 || holders.stream().anyMatch(mustNotHold::contains)) {
                throw new AssertionError("VIP holders " + when + ", " + i + " s into watching: " + holders
                        + (bothInARow >= 3 ? " for 3 checks in a row" : ", none of " + mustNotHold + " may hold it")
                        + "\n" + nodeLogs());
            }
            Thread.sleep(1000);
        }
    }

    InetSocketAddress nodeAddress(String node) {
        return new InetSocketAddress(NODE_ADDRESSES.get(node), 80);
    }

    InetSocketAddress vipAddress() {
        return new InetSocketAddress(VIP, 80);
    }

    /**
     * GET {@code path} from the node's admin API through its port published on the host's loopback, with the
     * bearer token when asked; the body of a 200 response.
     */
    String admin(String node, String path, boolean withToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPorts.get(node) + path)).timeout(Duration.ofSeconds(10));
        if (withToken) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(node + " admin " + path + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    /** The container of {@code service} in this pair's project (running or not). */
    String containerId(String service) {
        return container(service).orElseThrow(() -> new IllegalStateException("no container for service " + service
                + " in project " + project));
    }

    /** The container of {@code service}, if it was created (lb2 is not, until a staggered start adds it). */
    private Optional<String> container(String service) {
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project, SERVICE_LABEL, service)).exec();
        if (containers.size() > 1) {
            throw new IllegalStateException(containers.size() + " containers for service " + service
                    + " in project " + project);
        }
        return containers.stream().map(Container::getId).findFirst();
    }

    private InspectContainerResponse inspect(String containerId) {
        return docker.inspectContainerCmd(containerId).exec();
    }

    /** docker kill: SIGKILL, the container stops at once and its address disappears from the network. */
    void kill(String service) {
        docker.killContainerCmd(containerId(service)).exec();
    }

    /**
     * docker stop: SIGTERM, so the node stops gracefully (its graceful-stop is 2 s; SIGKILL only after 10 s) and hands
     * a VIP it holds over to the other node.
     */
    void stop(String service) {
        docker.stopContainerCmd(containerId(service)).withTimeout(10).exec();
    }

    /** docker start of a stopped (killed) container: same configuration, same address. */
    void startAgain(String service) {
        docker.startContainerCmd(containerId(service)).exec();
    }

    /** docker pause: every process of the container frozen (a hung node); its network stays up. */
    void pause(String service) {
        docker.pauseContainerCmd(containerId(service)).exec();
    }

    void unpause(String service) {
        docker.unpauseContainerCmd(containerId(service)).exec();
    }

    /** docker network disconnect: the container loses its eth0 on the compose network (and the VIP with it). */
    void disconnect(String node) {
        docker.disconnectFromNetworkCmd().withNetworkId(networkName()).withContainerId(containerId(node)).exec();
    }

    /**
     * docker network connect with the node's address of the compose file: a new interface, without the VIP. Docker
     * names it eth1 (the next free name); a cable plugged back in would bring back eth0, the interface the node's
     * VIP configuration names, so a running node's new interface is renamed eth0 (as root in the container), with
     * the default route Docker had put on it.
     */
    void reconnect(String node) throws IOException, InterruptedException {
        String id = containerId(node);
        docker.connectToNetworkCmd().withNetworkId(networkName()).withContainerId(id)
                .withContainerNetwork(new ContainerNetwork()
                        .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(NODE_ADDRESSES.get(node)))
                        .withAliases(node))
                .exec();
        if (!running(node)) {
            return; // started again, it gets eth0 from Docker
        }
        String rename = "set -eu; PATH=/usr/sbin:/usr/bin:/sbin:/bin; dev=$(ip -o -4 addr show to " + NODE_ADDRESSES.get(node) + " | cut -d' ' -f2);"
                + " [ \"$dev\" = eth0 ] && exit 0; gw=$(ip route show default dev \"$dev\" | cut -d' ' -f3);"
                + " ip link set \"$dev\" down; ip link set \"$dev\" name eth0; ip link set eth0 up;"
                + " [ -z \"$gw\" ] || ip route replace default via \"$gw\" dev eth0";
        org.testcontainers.containers.Container.ExecResult result = ExecInContainerPattern.execInContainerWithUser(docker, inspect(id), "root",
                "sh", "-c", rename);
        if (result.getExitCode() != 0) {
            throw new IllegalStateException("renaming " + node + "'s new interface to eth0 failed (exit "
                    + result.getExitCode() + "): " + result.getStdout() + result.getStderr());
        }
    }

    /** The compose network (the compose file's only one): PROJECT_ballast. */
    private String networkName() {
        return project + "_ballast";
    }

    /** Created, running and not paused: able to run a command. */
    boolean running(String service) {
        Optional<String> id = container(service);
        if (id.isEmpty()) {
            return false;
        }
        InspectContainerResponse.ContainerState state = inspect(id.get()).getState();
        return Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused());
    }

    /**
     * The nodes whose eth0 carries the VIP now, by vip-scripts/vip-status inside each running node container. A
     * stopped or paused node counts as not holding it (a paused one cannot run the check).
     */
    Set<String> vipHolders() throws IOException, InterruptedException {
        Set<String> holders = new TreeSet<>();
        for (String node : NODE_ADDRESSES.keySet()) {
            if (running(node) && ExecInContainerPattern.execInContainer(docker, inspect(containerId(node)),
                    "/opt/ballast/vip-scripts/vip-status", VIP, "eth0").getExitCode() == 0) {
                holders.add(node);
            }
        }
        return holders;
    }

    /** The nodes' logs so far, for failure messages. */
    String nodeLogs() {
        return NODE_ADDRESSES.keySet().stream().sorted()
                .map(node -> "---- log of " + node + " ----\n" + logs(node))
                .collect(Collectors.joining());
    }

    /** The node's log so far (of every run of its container), or why there is none. */
    String logs(String node) {
        try {
            return LogUtils.getOutput(docker, containerId(node));
        } catch (RuntimeException e) {
            return "(no log: " + e.getMessage() + ")\n";
        }
    }

    /**
     * docker-compose down: removes the containers and the network; the image stays for the next run. A node a failed
     * test left paused is thawed first, so that it stops at once.
     */
    @Override
    public void close() {
        if (project != null) {
            for (String node : NODE_ADDRESSES.keySet()) {
                try {
                    Optional<String> id = container(node);
                    if (id.isPresent() && Boolean.TRUE.equals(inspect(id.get()).getState().getPaused())) {
                        unpause(node);
                    }
                } catch (RuntimeException e) {
                    System.err.println("ComposePair: could not thaw " + node + " before teardown: " + e);
                }
            }
        }
        compose.stop();
    }
}
