package dev.ballast.node.runtime;

import dev.ballast.node.admin.AdminServer;
import dev.ballast.node.admin.AdminWiring;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.proxy.BalancerFactory;
import dev.ballast.node.proxy.http.RouteSelector;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code ballast run --config FILE}: loads the configuration, starts the node and serves until the process is asked
 * to stop (SIGTERM, SIGINT), then stops gracefully within {@code node.graceful-stop}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a node until SIGTERM, then stops gracefully.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LogManager.getLogger(RunCommand.class);

    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_START_FAILED = 1;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's configuration file.")
    Path configFile;

    @Spec
    CommandSpec spec;

    private final ConfigSource configs;
    private final BalancerFactory balancers;
    private final RouteSelector.Factory routes;
    private final Consumer<Runnable> onShutdown;

    /** The production command: stops on the JVM's shutdown (SIGTERM, SIGINT). */
    public RunCommand(ConfigSource configs, BalancerFactory balancers, RouteSelector.Factory routes) {
        this(configs, balancers, routes, stop -> Runtime.getRuntime().addShutdownHook(new Thread(stop, "ballast-stop")));
    }

    /** @param onShutdown registers what runs when the process is asked to stop */
    RunCommand(ConfigSource configs, BalancerFactory balancers, RouteSelector.Factory routes,
               Consumer<Runnable> onShutdown) {
        this.configs = configs;
        this.balancers = balancers;
        this.routes = routes;
        this.onShutdown = onShutdown;
    }

    @Override
    public Integer call() throws InterruptedException {
        BallastConfig config;
        try {
            config = configs.load(configFile);
        } catch (Exception e) {
            spec.commandLine().getErr().println("ballast: cannot load " + configFile + ": " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        NodeRuntime node = new NodeRuntime(config, balancers, routes);
        Optional<AdminServer> admin;
        try {
            Instant startedAt = Instant.now();
            node.start();
            admin = startAdmin(config, node, startedAt);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("ballast: cannot start: " + e.getMessage());
            LOG.error("Node failed to start", e);
            return EXIT_START_FAILED;
        }
        onShutdown.accept(() -> {
            LOG.info("Stop requested; stopping gracefully within {} ms", config.node().gracefulStop().toMillis());
            node.stop(config.node().gracefulStop()); // the admin API keeps answering meanwhile (/healthz: stopping)
            admin.ifPresent(AdminServer::close);
        });
        LOG.info("Node {} running", config.node().name());
        node.awaitStopped();
        return 0;
    }

    /** The admin API of the started node; when it cannot start, the node is stopped again. */
    private Optional<AdminServer> startAdmin(BallastConfig config, NodeRuntime node, Instant startedAt) {
        try {
            return AdminWiring.start(config, configFile, configs, node,
                    AdminWiring.Ports.nothingWired(config.node().name()), startedAt);
        } catch (RuntimeException e) {
            node.stop(Duration.ZERO);
            throw e;
        }
    }
}
