package dev.ballast.node.runtime;

import dev.ballast.node.admin.AdminServer;
import dev.ballast.node.admin.AdminWiring;
import dev.ballast.node.cluster.NodeCluster;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.logging.AccessLogFile;
import dev.ballast.node.proxy.BalancerFactory;
import dev.ballast.node.proxy.http.RouteSelector;
import dev.ballast.node.session.SessionStoreFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
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

    @Option(names = "--vip-scripts", paramLabel = "DIR", defaultValue = "${sys:ballast.home:-.}/vip-scripts",
            description = "Folder of vip-up, vip-down and vip-status, for script-mode VIPs (default: vip-scripts/ "
                    + "of the installation).")
    Path vipScripts;

    @Spec
    CommandSpec spec;

    private final ConfigSource configs;
    private final BalancerFactory balancers;
    private final RouteSelector.Factory routes;
    private final Consumer<Runnable> onShutdown;

    /** The production command: stops on the JVM's shutdown (SIGTERM, SIGINT). */
    public RunCommand(ConfigSource configs, BalancerFactory balancers, RouteSelector.Factory routes) {
        this(configs, balancers, routes, stop -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            LogManager.shutdown(); // the JVM halts when this hook ends: flush what the stop logged (role handover...)
        }, "ballast-stop")));
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
        boolean clustered = config.cluster().enabled();
        Instant startedAt = Instant.now();
        Optional<NodeCluster> cluster = Optional.empty();
        if (clustered) {
            try {
                // Before the data plane: its sticky sessions live in the cluster's replicated table.
                cluster = Optional.of(NodeCluster.create(config, node, vipScripts));
            } catch (Exception e) {
                spec.commandLine().getErr().println("ballast: cannot join the cluster: " + e.getMessage());
                LOG.error("Node failed to set up its cluster membership", e);
                return EXIT_START_FAILED;
            }
        }
        Optional<NodeCluster> joined = cluster;
        try {
            config.logging().accessLog().ifPresent(AccessLogFile::attach);
            Clock clock = Clock.systemUTC();
            SessionStoreFactory sessions = joined.map(member -> member.tables().sessionStores(clock))
                    .orElseGet(() -> SessionStoreFactory.local(clock));
            node.start(clustered ? NodeCluster.vipBoundFrontends(config) : Set.of(), sessions);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("ballast: cannot start: " + e.getMessage());
            LOG.error("Node failed to start", e);
            joined.ifPresent(NodeCluster::close);
            return EXIT_START_FAILED;
        }
        if (joined.isPresent()) {
            try {
                joined.get().join();
            } catch (Exception e) {
                spec.commandLine().getErr().println("ballast: cannot join the cluster: " + e.getMessage());
                LOG.error("Node failed to join the cluster", e);
                node.stop(Duration.ZERO);
                return EXIT_START_FAILED;
            }
        }
        Optional<AdminServer> admin;
        try {
            admin = AdminWiring.start(config, configFile, configs, node,
                    AdminWiring.Ports.of(config, node, joined), startedAt);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("ballast: cannot start the admin API: " + e.getMessage());
            LOG.error("Admin API failed to start", e);
            joined.ifPresent(NodeCluster::close);
            node.stop(Duration.ZERO);
            return EXIT_START_FAILED;
        }
        onShutdown.accept(() -> {
            LOG.info("Stop requested; stopping gracefully within {} ms", config.node().gracefulStop().toMillis());
            joined.ifPresent(NodeCluster::close); // hand the VIPs over first: the successor serves before we stop
            node.stop(config.node().gracefulStop()); // the admin API keeps answering meanwhile (/healthz: stopping)
            admin.ifPresent(AdminServer::close);
        });
        LOG.info("Node {} running", config.node().name());
        node.awaitStopped();
        return 0;
    }
}
