package dev.ballast.node.runtime;

import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.proxy.http.RouteSelector;
import dev.ballast.node.testing.RawClient;
import dev.ballast.node.testing.RoundRobinTestBalancer;
import dev.ballast.node.testing.TestHandlers;
import dev.ballast.node.testing.TestHttpServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.ballast.node.testing.TestConfigs.backend;
import static dev.ballast.node.testing.TestConfigs.defaultBackendTimeouts;
import static dev.ballast.node.testing.TestConfigs.defaultFrontendTimeouts;
import static dev.ballast.node.testing.TestConfigs.node;
import static dev.ballast.node.testing.TestConfigs.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ballast run}: loads, serves, stops gracefully when the process is asked to; fails clearly otherwise. */
class RunCommandIT {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesUntilShutdownThenStopsGracefully() throws Exception {
        int port = freePort();
        try (TestHttpServer app = TestHttpServer.start(() -> TestHandlers.describe("s"))) {
            FrontendConfig web = new FrontendConfig("web", new HostPort("127.0.0.1", port), FrontendConfig.Mode.HTTP, 0,
                    java.util.Optional.of("app"), List.of(), new FrontendConfig.ForwardedHeaders(true, true, true,
                    true, true), defaultFrontendTimeouts(), new FrontendConfig.Limits(8192, 32768));
            BallastConfig config = node(1, Duration.ofSeconds(2), List.of(web),
                    List.of(backend("app", defaultBackendTimeouts(), 0, List.of(server("s", app.port(), 0)))));
            AtomicReference<Path> loaded = new AtomicReference<>();
            AtomicReference<Runnable> shutdownHook = new AtomicReference<>();
            RunCommand run = new RunCommand(file -> {
                loaded.set(file);
                return config;
            }, (backend, servers) -> new RoundRobinTestBalancer(servers), RouteSelector::defaultBackendOf,
                    shutdownHook::set);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                    () -> new CommandLine(run).execute("--config", "/etc/ballast/node.yaml"));

            await().atMost(10, TimeUnit.SECONDS).until(() -> shutdownHook.get() != null);
            assertThat(loaded.get()).isEqualTo(Path.of("/etc/ballast/node.yaml"));
            try (RawClient client = new RawClient(port)) {
                client.send("GET /run HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(client.read().text()).contains("uri=/run");
            }
            assertThat(exit).isNotDone();
            shutdownHook.get().run();
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void unreadableConfigurationExitsWith2AndSaysWhy() {
        RunCommand run = new RunCommand(file -> {
            throw new IllegalArgumentException("frontends[0].bind: not a host:port");
        }, (backend, servers) -> new RoundRobinTestBalancer(servers), RouteSelector::defaultBackendOf, hook -> {
        });
        StringWriter err = new StringWriter();
        int code = new CommandLine(run).setErr(new PrintWriter(err)).execute("--config", "bad.yaml");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot load bad.yaml", "frontends[0].bind: not a host:port");
    }

    @Test
    void portInUseExitsWith1AndSaysWhy() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            FrontendConfig web = new FrontendConfig("web", new HostPort("127.0.0.1", taken.getLocalPort()),
                    FrontendConfig.Mode.HTTP, 0, java.util.Optional.empty(), List.of(),
                    new FrontendConfig.ForwardedHeaders(true, true, true, true, true), defaultFrontendTimeouts(),
                    new FrontendConfig.Limits(8192, 32768));
            BallastConfig config = node(1, Duration.ofSeconds(1), List.of(web), List.of());
            RunCommand run = new RunCommand(file -> config, (backend, servers) -> new RoundRobinTestBalancer(servers),
                    RouteSelector::defaultBackendOf, hook -> {
            });
            StringWriter err = new StringWriter();
            int code = new CommandLine(run).setErr(new PrintWriter(err)).execute("--config", "x.yaml");
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("cannot start", "Frontend web: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort());
        }
    }
}
