package dev.ballast.node.demo;

import dev.ballast.node.admin.AdminServer;
import dev.ballast.node.admin.AdminWiring;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.InvalidConfigException;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.runtime.NodeWiring;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ballast demo}: the first thing a newcomer runs. Starts, in this one process, a demo backend on every
 * server address of the demo configuration and a node in front of them, prints what to try, and stops everything
 * on Ctrl-C or SIGTERM. One process means nothing can be left behind.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs demo backends and a node on 127.0.0.1 until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LogManager.getLogger(DemoCommand.class);
    /** The token file config/demo.yaml names in admin.token-file, relative to the configuration. */
    private static final String DEMO_TOKEN_FILE = "secrets/example-admin-token";

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${sys:ballast.home:-.}/config/demo.yaml",
            description = "The demo configuration (default: config/demo.yaml of the checkout).")
    Path configFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        BallastConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (InvalidConfigException e) {
            spec.commandLine().getErr().println("ballast demo: " + configFile + " is invalid:\n" + e.getMessage());
            return 2;
        }
        List<DemoBackend> backends = new ArrayList<>();
        NodeRuntime node = NodeWiring.runtime(config);
        Optional<AdminServer> admin = Optional.empty();
        try {
            for (HostPort address : serverAddresses(config)) {
                DemoBackend backend = new DemoBackend("demo-" + address.port(),
                        new InetSocketAddress(address.host(), address.port()), 1);
                backends.add(backend);
                backend.start();
            }
            Instant startedAt = Instant.now();
            node.start();
            admin = AdminWiring.start(config, configFile, ConfigLoader::load, node,
                    AdminWiring.Ports.nothingWired(config.node().name()), startedAt);
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("ballast demo: cannot start: " + e.getMessage());
            LOG.error("Demo failed to start", e);
            node.stop(Duration.ZERO);
            backends.forEach(DemoBackend::close);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Optional<AdminServer> startedAdmin = admin;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop(config.node().gracefulStop());
            startedAdmin.ifPresent(AdminServer::close);
            backends.forEach(DemoBackend::close);
            LOG.info("Demo stopped");
            LogManager.shutdown(); // the last step of this process's stop: flush what it logged
            stopped.countDown();
        }, "demo-stop"));
        printWhatToTry(out, config, node, backends);
        admin.ifPresent(server -> printAdmin(out, server));
        stopped.await();
        return 0;
    }

    private void printAdmin(PrintWriter out, AdminServer admin) {
        String url = "http://" + admin.address().getHostString() + ":" + admin.address().getPort();
        Path token = configFile.resolveSibling(DEMO_TOKEN_FILE);
        out.println();
        out.println("Admin API (token in " + token + "):");
        out.println("  " + url + "/stats                # in a browser: any user name, the token as password");
        out.println("  curl -s -H \"Authorization: Bearer $(cat " + token + ")\" " + url + "/api/v1/backends");
        out.println("  curl -s -H \"Authorization: Bearer $(cat " + token + ")\" -d '{\"state\":\"drain\"}' "
                + url + "/api/v1/backends/web/servers/web1/state");
        out.flush();
    }

    /** Every distinct server address of the configuration: the demo serves each with one demo backend. */
    private static Set<HostPort> serverAddresses(BallastConfig config) {
        Set<HostPort> addresses = new LinkedHashSet<>();
        config.backends().forEach(b -> b.servers().stream().map(ServerConfig::address).forEach(addresses::add));
        return addresses;
    }

    private static void printWhatToTry(PrintWriter out, BallastConfig config, NodeRuntime node,
                                       List<DemoBackend> backends) {
        out.println();
        out.println("Ballast demo is running (Ctrl-C stops everything).");
        for (FrontendConfig frontend : config.frontends()) {
            InetSocketAddress at = node.listenAddress(frontend.name());
            out.printf("  proxy     http://%s:%d/   (frontend %s)%n", at.getHostString(), at.getPort(),
                    frontend.name());
        }
        for (DemoBackend backend : backends) {
            out.printf("  backend   http://%s:%d/   (%s)%n", backend.address().getHostString(), backend.port(),
                    backend.name());
        }
        InetSocketAddress first = node.listenAddress(config.frontends().get(0).name());
        String proxy = "http://" + first.getHostString() + ":" + first.getPort();
        DemoBackend failing = backends.get(0);
        String failingUrl = "http://" + failing.address().getHostString() + ":" + failing.port();
        out.println();
        out.println("Try:");
        out.println("  curl -s " + proxy + "/                  # answered by a backend, round robin");
        out.println("  curl -s " + proxy + "/api/x             # routed to backend 'api' (leastconn)");
        out.println("  curl -s -X POST " + failingUrl + "/health/fail   # fail its health check: it leaves rotation");
        out.println("  curl -s -X POST " + failingUrl + "/health/ok     # and comes back");
        out.println("  wrk -t1 -c50 -d10s " + proxy + "/       # load (apt-get install wrk)");
        out.flush();
    }
}
