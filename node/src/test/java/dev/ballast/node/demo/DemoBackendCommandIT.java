package dev.ballast.node.demo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code bin/ballast demo-backend} as a user runs it: a separate process, stopped by SIGTERM. */
class DemoBackendCommandIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern LISTENING = Pattern.compile("demo backend (\\S+) listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;
    private Process process;

    /** Starts bin/ballast with {@code args}; its stdout and stderr go to a file (see {@link #output()}). */
    private Process ballast(String... args) throws IOException {
        Path home = Path.of(System.getProperty("ballast.home", "../"));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/ballast").toString()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile()).start();
        return process;
    }

    private List<String> output() throws IOException {
        return Files.readAllLines(dir.resolve("output.txt"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesUntilSigtermThenExits() throws Exception {
        ballast("demo-backend", "--port", "0", "--name", "cmd1");
        Matcher listening = await().atMost(TIMEOUT).until(() -> output().stream().map(LISTENING::matcher)
                .filter(Matcher::find).findFirst().orElse(null), m -> m != null);
        int port = Integer.parseInt(listening.group(2));

        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                .timeout(TIMEOUT).build(), BodyHandlers.ofString()).body();
        assertThat(body).startsWith("backend: cmd1\nmethod: GET\npath: /hello\n");

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM, output: %s", output()).isTrue();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output())
                .anyMatch(l -> l.contains("demo backend cmd1 stopped")));
    }

    @Test
    void refusesABadNameWithAUsageError() throws Exception {
        assertExitsWith(2, "demo backend name \"bad name\" must be 1 to 64 letters, digits",
                "demo-backend", "--port", "0", "--name", "bad name");
    }

    @Test
    void refusesAPortOutOfRange() throws Exception {
        assertExitsWith(2, "--port must be from 0 to 65535, got 70000",
                "demo-backend", "--port", "70000", "--name", "x");
    }

    @Test
    void reportsAPortInUse() throws Exception {
        try (DemoBackend occupant = DemoBackend.onLoopback("occupant")) {
            int port = occupant.start();
            assertExitsWith(1, "demo backend late cannot listen on 127.0.0.1:" + port,
                    "demo-backend", "--port", String.valueOf(port), "--name", "late");
        }
    }

    private void assertExitsWith(int exitCode, String message, String... args) throws Exception {
        ballast(args);
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(exitCode);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output()).anyMatch(l -> l.contains(message)));
    }
}
