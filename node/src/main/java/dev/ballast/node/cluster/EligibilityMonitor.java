package dev.ballast.node.cluster;

import dev.ballast.cluster.DaemonThreads;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.runtime.NodeRuntime;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the data plane for {@link Eligibility} by polling the node runtime on its own thread (a few set lookups
 * per server, ten times a second: cheap, and nothing on the event loops changes), and reports each change.
 */
final class EligibilityMonitor implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(EligibilityMonitor.class);
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final NodeRuntime runtime;
    private final List<String> alwaysListening;
    private final ScheduledExecutorService poller;
    private volatile Eligibility current;

    /** @param vipBound frontends that listen only while this node owns their VIP (bind mode) */
    EligibilityMonitor(NodeRuntime runtime, List<FrontendConfig> frontends, Set<String> vipBound, String node) {
        this.runtime = runtime;
        this.alwaysListening = frontends.stream().map(FrontendConfig::name).filter(f -> !vipBound.contains(f))
                .toList();
        this.poller = DaemonThreads.singleThreadScheduler("ballast-eligibility-" + node);
        this.current = evaluate();
    }

    Eligibility current() {
        return current;
    }

    /** Starts polling; {@code onChange} gets every change of the verdict, on the monitor's thread. */
    void start(Consumer<Eligibility> onChange) {
        long millis = POLL_INTERVAL.toMillis();
        poller.scheduleWithFixedDelay(() -> poll(onChange), millis, millis, TimeUnit.MILLISECONDS);
    }

    private void poll(Consumer<Eligibility> onChange) {
        try {
            Eligibility now = evaluate();
            if (now.eligible() != current.eligible()) {
                if (now.eligible()) {
                    LOG.warn("Data plane eligible again to hold VIPs: {}", now.reason());
                } else {
                    LOG.error("Data plane NOT eligible to hold VIPs: {}; handing them over", now.reason());
                }
                current = now;
                onChange.accept(now);
            }
        } catch (RuntimeException e) {
            LOG.error("Eligibility check failed; keeping the last verdict ({})", current.reason(), e);
        }
    }

    private Eligibility evaluate() {
        List<String> notListening = alwaysListening.stream().filter(f -> !runtime.isListening(f)).toList();
        List<Eligibility.BackendServers> servers = runtime.backends().values().stream()
                .map(EligibilityMonitor::servers).sorted(Comparator.comparing(Eligibility.BackendServers::backend))
                .toList();
        return Eligibility.of(notListening, servers);
    }

    private static Eligibility.BackendServers servers(Backend backend) {
        int usable = (int) backend.servers().stream().filter(backend::isUsable).count();
        return new Eligibility.BackendServers(backend.name(), usable, backend.servers().size());
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
