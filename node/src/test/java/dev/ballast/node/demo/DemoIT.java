package dev.ballast.node.demo;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer does first: {@code bin/ballast demo}, a request to the printed URL, then Ctrl-C. */
class DemoIT {

    private static final Pattern PROXY_URL = Pattern.compile("proxy\\s+(http://\\S+)");

    @Test
    void demoAnswersThroughTheNodeAndLeavesNoProcessAfterCtrlC() throws Exception {
        Path home = Path.of(System.getProperty("ballast.home"));
        Process demo = new ProcessBuilder(home.resolve("bin/ballast").toString(), "demo")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
            String proxyUrl = CompletableFuture.supplyAsync(() -> firstProxyUrl(output)).get(60, TimeUnit.SECONDS);
            drainInBackground(output);

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create(proxyUrl)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).startsWith("backend: demo-900");
            }
            String token = Files.readString(home.resolve("config/secrets/example-admin-token")).strip();
            HttpResponse<String> backends = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:9900/api/v1/backends"))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(backends.statusCode()).as("the demo's admin API, with the example token").isEqualTo(200);
            assertThat(backends.body()).contains("\"name\":\"web\"", "\"name\":\"api\"");
            List<ProcessHandle> descendants = demo.descendants().toList();

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();

            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("demo exits after Ctrl-C").isTrue();
            assertThat(descendants).allSatisfy(p -> assertThat(p.isAlive()).isFalse());
            for (int port : new int[] {8080, 9001, 9002, 9003, 9900}) {
                assertThat(canBind(port)).as("port %d released", port).isTrue();
            }
        } finally {
            demo.destroyForcibly();
        }
    }

    private static String firstProxyUrl(BufferedReader output) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher m = PROXY_URL.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
            throw new IllegalStateException("the demo ended without printing a proxy URL");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps reading so the demo never blocks on a full pipe. */
    private static void drainInBackground(BufferedReader output) {
        Thread drain = new Thread(() -> {
            try {
                while (output.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "demo-output");
        drain.setDaemon(true);
        drain.start();
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
