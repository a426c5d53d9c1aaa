package dev.ballast.node.demo;

import dev.ballast.node.Main;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One node of the demo cluster: {@code ballast run --config FILE} in its own JVM, so that a user can kill it with
 * {@code kill -9}. Its log lines worth a newcomer's attention (warnings and errors: role changes, failover) are
 * shown with the node's name; every line goes to the listener.
 */
final class DemoNode {

    private static final Logger LOG = LogManager.getLogger(DemoNode.class);

    private final String name;
    private final Path config;
    private final Process process;

    private DemoNode(String name, Path config, Process process) {
        this.name = name;
        this.config = config;
        this.process = process;
    }

    /** @param onLine gets every line the node prints, on the node's output thread */
    static DemoNode start(String name, Path config, PrintWriter out, Consumer<String> onLine) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small heaps: the demo runs three JVMs on a laptop.
                "-Xmx256m", "-XX:+UseSerialGC",
                "-Dballast.home=" + System.getProperty("ballast.home", "."),
                "-Dballast.log.level=" + System.getProperty("ballast.log.level", "info"),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        DemoNode node = new DemoNode(name, config, process);
        Thread reader = new Thread(() -> node.forwardOutput(out, onLine), "demo-node-" + name);
        reader.setDaemon(true);
        reader.start();
        return node;
    }

    String name() {
        return name;
    }

    Path config() {
        return config;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Runs {@code whenExited} with the exit code once the process has ended (killed by the user, or stopped). */
    void onExit(Consumer<Integer> whenExited) {
        process.onExit().thenAccept(p -> whenExited.accept(p.exitValue()));
    }

    /** SIGTERM (graceful: the node hands its VIP over first), then SIGKILL if it has not ended within the bound. */
    void stop(Duration bound) {
        if (!process.isAlive()) {
            return;
        }
        process.toHandle().destroy();
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Demo node {} (pid {}) still running {} ms after SIGTERM; killing it", name, pid(),
                        bound.toMillis());
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void forwardOutput(PrintWriter out, Consumer<String> onLine) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.contains(" INFO ") && !line.contains(" DEBUG ") && !line.contains(" TRACE ")) {
                    out.println("[" + name + "] " + line);
                    out.flush();
                }
                onLine.accept(line);
            }
        } catch (IOException e) {
            LOG.debug("Output of demo node {} closed: {}", name, e.toString());
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", " + config.getFileName() + ")";
    }
}
