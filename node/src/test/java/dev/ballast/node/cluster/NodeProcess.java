package dev.ballast.node.cluster;

import dev.ballast.node.Main;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** One {@code ballast run --config FILE} JVM and its log, as an operator would run a node. */
final class NodeProcess implements AutoCloseable {

    private static final Pattern ROLE_CHANGE = Pattern.compile("role (\\w+) -> (\\w+)");

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private NodeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readOutput, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static NodeProcess start(String name, Path config) throws IOException {
        return start(name, config, List.of());
    }

    /**
     * @param launcher what the JVM's command line is prefixed with, e.g. {@code ip netns exec NS}
     * @param options  options after {@code run --config FILE}
     */
    static NodeProcess start(String name, Path config, List<String> launcher, String... options) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
                "-cp", productionClassPath(),
                Main.class.getName(), "run", "--config", config.toString()));
        command.addAll(List.of(options));
        return new NodeProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The test's class path without the test classes: the node runs with its production logging configuration. */
    private static String productionClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    String name() {
        return name;
    }

    /** Whether its last role change made it primary. */
    boolean isPrimary() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher role = ROLE_CHANGE.matcher(lines.get(i));
            if (role.find()) {
                return role.group(2).equals("primary");
            }
        }
        return false;
    }

    boolean everPrimary() {
        return lines.stream().anyMatch(line -> line.contains("role standby -> primary"));
    }

    boolean logged(String fragment) {
        return lines.stream().anyMatch(line -> line.contains(fragment));
    }

    int countLogged(String fragment) {
        return (int) lines.stream().filter(line -> line.contains(fragment)).count();
    }

    void awaitLogged(Duration timeout, String fragment) {
        await(name + " logs \"" + fragment + "\"").atMost(timeout).until(() -> logged(fragment));
    }

    /**
     * The first group of the first log line {@code pattern} finds, once there is one (an address, a port).
     *
     * @throws IllegalStateException as soon as the process exits without such a line
     */
    String awaitFound(Duration timeout, Pattern pattern) {
        return await(name + " logs a line matching " + pattern).atMost(timeout).until(() -> {
            Optional<String> found = firstFound(pattern);
            if (found.isEmpty() && !process.isAlive()) {
                throw new IllegalStateException(name + " exited (" + process.exitValue() + ") without logging a line "
                        + "matching " + pattern);
            }
            return found;
        }, Optional::isPresent).orElseThrow();
    }

    private Optional<String> firstFound(Pattern pattern) {
        return lines.stream().map(pattern::matcher).filter(Matcher::find).map(matcher -> matcher.group(1))
                .findFirst();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an init system stops a service (Process.destroy would also close our end of its output). */
    void terminate() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -TERM " + process.pid() + " failed");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                System.out.println("[" + name + "] " + line);
            }
        } catch (IOException e) {
            System.out.println("[" + name + "] output closed: " + e);
        }
    }
}
