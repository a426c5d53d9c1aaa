package dev.ballast.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A real node process, {@code bin/ballast run --config FILE}, from the distribution in the checkout. Its admin API
 * and frontend listen on ephemeral ports, learnt from the node's log lines.
 */
public final class NodeProcess implements AutoCloseable {

    /** The checkout, set by failsafe (ballast.home). */
    public static final Path HOME = Path.of(System.getProperty("ballast.home", "..")).toAbsolutePath().normalize();

    private static final Pattern ADMIN = Pattern.compile("Admin API listening on (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3); // may build the distribution first

    private final Process process;
    private final Path log;
    private final String adminUrl;

    private NodeProcess(Process process, Path log, String adminUrl) {
        this.process = process;
        this.log = log;
        this.adminUrl = adminUrl;
    }

    /** Starts the node and waits until its admin API listens; the log goes to {@code log}. */
    public static NodeProcess start(Path config, Path log) throws IOException {
        Process process = new ProcessBuilder(HOME.resolve("bin/ballast").toString(), "run", "--config",
                config.toString()).directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        AtomicReference<String> url = new AtomicReference<>();
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the node exited with " + process.exitValue() + ":\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                Matcher matcher = ADMIN.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (matcher.find()) {
                    url.set(matcher.group(1));
                }
                return url.get() != null;
            });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return new NodeProcess(process, log, url.get());
    }

    /** The admin API, e.g. http://127.0.0.1:41234. */
    public String adminUrl() {
        return adminUrl;
    }

    /** The port a frontend listens on, from its "Frontend NAME listening on" log line. */
    public int frontendPort(String frontend) throws IOException {
        Matcher matcher = Pattern.compile("Frontend " + Pattern.quote(frontend) + " listening on \\S*:(\\d+)")
                .matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (!matcher.find()) {
            throw new IllegalStateException("no listening line for frontend " + frontend + " in " + log);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Asks the node to stop (SIGTERM, its graceful stop) and waits for it; kills it if it does not stop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
