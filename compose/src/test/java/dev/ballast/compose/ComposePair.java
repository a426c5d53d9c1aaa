package dev.ballast.compose;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;

/**
 * The pair of compose/docker-compose.yml, started with the local docker-compose by Testcontainers under a project
 * named ballast-e2e..., with the node image built from the current distribution. Knows the addresses the compose
 * file gives the nodes, the backends and the VIP, and kills, starts, pauses containers by service name.
 */
final class ComposePair implements AutoCloseable {

    static final String VIP = "172.29.0.100";
    static final Map<String, String> NODE_ADDRESSES = Map.of("lb1", "172.29.0.11", "lb2", "172.29.0.12");
    static final List<String> BACKENDS = List.of("web1", "web2", "web3");

    private static final Duration BASE_IMAGE_TIMEOUT = Duration.ofMinutes(10);

    private final DockerComposeContainer<?> compose;
    private final DockerClient docker;
    private final Map<String, Integer> adminPorts;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ComposePair(DockerComposeContainer<?> compose, Map<String, Integer> adminPorts, String adminToken) {
        this.compose = compose;
        this.docker = DockerClientFactory.instance().client();
        this.adminPorts = adminPorts;
        this.adminToken = adminToken;
    }

    /**
     * Starts the pair and waits until both nodes proxy requests to a backend. Skips the calling test (assumption)
     * when there is no Docker engine or no docker-compose.
     */
    static ComposePair start(Path ballastHome) throws IOException, InterruptedException {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers: the compose end-to-end tests need one (compose/ensure-docker sets it up)");
        Assumptions.assumeTrue(onPath("docker-compose"),
                "docker-compose is not installed: the compose end-to-end tests need it (compose/ensure-docker)");
        String baseImage = baseImage(ballastHome);
        Map<String, Integer> adminPorts = Map.of("lb1", freePort(), "lb2", freePort());
        // The token file both nodes' configurations name (config/compose-lb*.yaml).
        String adminToken = Files.readString(ballastHome.resolve("config/secrets/example-admin-token")).trim();
        DockerComposeContainer<?> compose = new DockerComposeContainer<>("ballast-e2e",
                ballastHome.resolve("compose/docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withPull(false)
                .withBuild(true)
                .withEnv("BALLAST_BASE_IMAGE", baseImage)
                .withEnv("BALLAST_LB1_ADMIN_PORT", String.valueOf(adminPorts.get("lb1")))
                .withEnv("BALLAST_LB2_ADMIN_PORT", String.valueOf(adminPorts.get("lb2")));
        compose.start();
        ComposePair pair = new ComposePair(compose, adminPorts, adminToken);
        try {
            HttpProbe probe = new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(2));
            for (String node : NODE_ADDRESSES.keySet()) {
                await("node " + node + " proxies to a backend").atMost(3, TimeUnit.MINUTES)
                        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> probe.get(pair.nodeAddress(node), "/", Optional.empty()).status() == 200);
            }
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
        return pair;
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

    String containerId(String service) {
        Optional<ContainerState> container = compose.getContainerByServiceName(service);
        return container.orElseThrow(() -> new IllegalArgumentException("no container for service " + service))
                .getContainerId();
    }

    /** docker kill: SIGKILL, the container stops at once and its address disappears from the network. */
    void kill(String service) {
        docker.killContainerCmd(containerId(service)).exec();
    }

    /** docker start of a stopped (killed) container: same configuration, same address. */
    void startAgain(String service) {
        docker.startContainerCmd(containerId(service)).exec();
    }

    boolean running(String service) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(containerId(service)).exec().getState().getRunning());
    }

    /** The nodes whose eth0 carries the VIP now, by vip-scripts/vip-status inside each running node container. */
    Set<String> vipHolders() throws IOException, InterruptedException {
        Set<String> holders = new TreeSet<>();
        for (String node : NODE_ADDRESSES.keySet()) {
            if (running(node) && compose.getContainerByServiceName(node).orElseThrow()
                    .execInContainer("/opt/ballast/vip-scripts/vip-status", VIP, "eth0").getExitCode() == 0) {
                holders.add(node);
            }
        }
        return holders;
    }

    /** The nodes' logs so far, for failure messages. */
    String nodeLogs() {
        StringBuilder logs = new StringBuilder();
        for (String node : NODE_ADDRESSES.keySet()) {
            logs.append("---- log of ").append(node).append(" ----\n")
                    .append(compose.getContainerByServiceName(node).map(ContainerState::getLogs).orElse("(none)"));
        }
        return logs.toString();
    }

    /** docker-compose down: removes the containers and the network; the image stays for the next run. */
    @Override
    public void close() {
        compose.stop();
    }
}
