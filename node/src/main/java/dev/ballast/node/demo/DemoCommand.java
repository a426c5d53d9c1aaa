package dev.ballast.node.demo;

import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.InvalidConfigException;
import dev.ballast.node.config.ServerConfig;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ballast demo}: the first thing a newcomer runs. Starts the demo backends in this process and a cluster
 * of nodes (bind mode on loopback, each node its own JVM so that it can be killed), prints who is primary and how
 * to watch a failover, and stops everything on Ctrl-C or SIGTERM.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs demo backends and a two-node cluster on loopback until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LogManager.getLogger(DemoCommand.class);
    private static final Pattern ROLE_CHANGE = Pattern.compile("Node (\\S+) role (\\w+) -> (\\w+)");
    private static final Duration FIRST_PRIMARY_TIMEOUT = Duration.ofSeconds(90);

    @Option(names = "--config", paramLabel = "FILE", split = ",",
            defaultValue = "${sys:ballast.home:-.}/config/demo-a.yaml,${sys:ballast.home:-.}/config/demo-b.yaml",
            description = "The nodes' configurations, one node each (default: config/demo-a.yaml and "
                    + "config/demo-b.yaml of the checkout).")
    List<Path> configFiles;

    @Spec
    CommandSpec spec;

    private final Map<String, String> roles = new ConcurrentHashMap<>();
    private final CountDownLatch firstPrimary = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<BallastConfig> configs = new ArrayList<>();
        for (Path file : configFiles) {
            try {
                configs.add(ConfigLoader.load(file));
            } catch (InvalidConfigException e) {
                spec.commandLine().getErr().println("ballast demo: " + file + " is invalid:\n" + e.getMessage());
                return 2;
            }
        }
        List<DemoBackend> backends = new ArrayList<>();
        List<DemoNode> nodes = new ArrayList<>();
        Duration nodeStop = configs.stream().map(c -> c.node().gracefulStop()).max(Duration::compareTo)
                .orElseThrow().plusSeconds(10);
        try {
            for (HostPort address : serverAddresses(configs)) {
                DemoBackend backend = new DemoBackend("demo-" + address.port(),
                        new InetSocketAddress(address.host(), address.port()), 1);
                backends.add(backend);
                backend.start();
            }
            for (int i = 0; i < configs.size(); i++) {
                String name = configs.get(i).node().name();
                DemoNode node = DemoNode.start(name, configFiles.get(i), out, line -> watchRoles(out, line));
                nodes.add(node);
                node.onExit(code -> {
                    roles.remove(name);
                    out.printf("%n==> node %s (pid %d) exited with %s%n", name, node.pid(), describeExit(code));
                    out.flush();
                });
            }
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("ballast demo: cannot start: " + e.getMessage());
            LOG.error("Demo failed to start", e);
            stopAll(nodes, backends, nodeStop);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll(nodes, backends, nodeStop);
            LOG.info("Demo stopped");
            LogManager.shutdown(); // the last step of this process's stop: flush what it logged
            stopped.countDown();
        }, "demo-stop"));
        if (!firstPrimary.await(FIRST_PRIMARY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            spec.commandLine().getErr().println("ballast demo: no node became primary within "
                    + FIRST_PRIMARY_TIMEOUT.toSeconds() + " s; see the nodes' output above");
        }
        printWhatToTry(out, configs.get(0), nodes, backends);
        printAdmin(out, configs, nodes);
        stopped.await();
        return 0;
    }

    private static String describeExit(int code) {
        return switch (code) {
            case 137 -> "137 (killed: SIGKILL)";
            case 143 -> "143 (stopped: SIGTERM)";
            default -> String.valueOf(code);
        };
    }

    private void watchRoles(PrintWriter out, String line) {
        Matcher change = ROLE_CHANGE.matcher(line);
        if (!change.find()) {
            return;
        }
        roles.put(change.group(1), change.group(3));
        if (change.group(3).equals("primary")) {
            if (firstPrimary.getCount() == 0) {
                out.printf("%n==> %s is now the primary: it listens on the VIP%n", change.group(1));
                out.flush();
            }
            firstPrimary.countDown();
        }
    }

    private static void stopAll(List<DemoNode> nodes, List<DemoBackend> backends, Duration nodeStop) {
        // All at once: each node hands over within its own bound, the backends serve until they are done.
        nodes.parallelStream().forEach(node -> node.stop(nodeStop));
        backends.forEach(DemoBackend::close);
    }

    /** Every distinct server address of the configurations: the demo serves each with one demo backend. */
    private static Set<HostPort> serverAddresses(List<BallastConfig> configs) {
        Set<HostPort> addresses = new LinkedHashSet<>();
        configs.forEach(c -> c.backends().forEach(b -> b.servers().stream().map(ServerConfig::address)
                .forEach(addresses::add)));
        return addresses;
    }

    private void printWhatToTry(PrintWriter out, BallastConfig config, List<DemoNode> nodes,
                                List<DemoBackend> backends) {
        FrontendConfig frontend = config.frontends().get(0);
        String vip = "http://" + frontend.bind() + "/";
        DemoNode primary = nodes.stream().filter(n -> "primary".equals(roles.get(n.name()))).findFirst()
                .orElse(nodes.get(0));
        DemoNode standby = nodes.stream().filter(n -> n != primary).findFirst().orElse(primary);
        out.println();
        out.println("Ballast demo is running: two nodes share the VIP " + frontend.bind().host()
                + "; only the primary listens on it (Ctrl-C stops everything).");
        out.printf("  vip       %s   (frontend %s)%n", vip, frontend.name());
        for (DemoNode node : nodes) {
            out.printf("  node      %-8s pid %-8d %-8s (%s)%n", node.name(), node.pid(),
                    roles.getOrDefault(node.name(), "standby"), node.config());
        }
        for (DemoBackend backend : backends) {
            out.printf("  backend   http://%s:%d/   (%s)%n", backend.address().getHostString(), backend.port(),
                    backend.name());
        }
        DemoBackend failing = backends.get(0);
        String failingUrl = "http://" + failing.address().getHostString() + ":" + failing.port();
        out.println();
        out.println("Watch the VIP in a second terminal (one line per request; a failed request prints an error):");
        out.println("  while sleep 0.1; do curl -sS -m 1 " + vip + " | head -n 1; done");
        out.println();
        out.println("Then, in a third terminal:");
        out.println("  kill -9 " + primary.pid() + "        # kill the primary " + primary.name() + ": "
                + standby.name() + " takes the VIP over in well under a second");
        out.println("  bin/ballast run --config " + primary.config() + "   # restart " + primary.name()
                + ": it comes back as standby (no flapping)");
        out.println("  kill " + standby.pid() + "           # SIGTERM " + standby.name() + " once "
                + primary.name() + " is back: it hands the VIP over first, no request fails");
        out.println("  curl -s " + vip + "api/x   # routed to backend 'api' (leastconn)");
        out.println("  curl -s -X POST " + failingUrl + "/health/fail   # fail a backend's health check: it leaves "
                + "rotation");
        out.flush();
    }

    /** Where each node's admin API listens, and how to use it with the demo's example token. */
    private static void printAdmin(PrintWriter out, List<BallastConfig> configs, List<DemoNode> nodes) {
        out.println();
        out.println("Operate the cluster (admin API of each node, token in config/secrets/example-admin-token):");
        for (int i = 0; i < nodes.size(); i++) {
            BallastConfig config = configs.get(i);
            if (!config.admin().enabled()) {
                continue;
            }
            String url = "http://" + config.admin().bind();
            out.printf("  %-8s %s/stats   (browser: any user name, the token as password)%n", nodes.get(i).name(),
                    url);
        }
        String first = "http://" + configs.get(0).admin().bind();
        out.println("  BALLAST_URL=" + first + " BALLAST_TOKEN_FILE=config/secrets/example-admin-token "
                + "bin/ballastctl status");
        out.flush();
    }
}
