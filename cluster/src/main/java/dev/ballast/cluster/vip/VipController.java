package dev.ballast.cluster.vip;

import dev.ballast.cluster.DaemonThreads;
import dev.ballast.cluster.RoleListener;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Makes the interface follow the election: acquires the VIPs this node was given, releases the others, retries
 * failures, and periodically re-asserts what it owns (switches forget MACs; someone may remove the address). A VIP
 * taken over from a former owner that still holds it is acquired {@link VipBackend#acquireFrom from it}, and that
 * handover is ended after a fixed time, once the former owner has let go. Everything runs on its own thread, so the
 * election thread that calls {@link #vipsChanged} never waits for a script.
 */
public final class VipController implements RoleListener, AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(VipController.class);

    private final VipBackend backend;
    private final List<String> configuredVips;
    private final Duration reassertInterval;
    private final int attempts;
    private final Duration retryDelay;
    private final Duration handoverTime;
    private final ScheduledExecutorService worker;

    // Confined to the worker thread.
    private Set<String> wanted = Set.of();
    private final Set<String> held = new TreeSet<>();
    /** The pending end of each handover in progress. */
    private final Map<String, ScheduledFuture<?>> handoverEnds = new HashMap<>();

    /**
     * @param configuredVips   every VIP of the cluster (released at start: a killed process may have left one behind)
     * @param reassertInterval how often owned VIPs are checked and re-announced
     * @param attempts         tries per acquire/release before giving up until the next re-assert
     * @param retryDelay       pause between tries
     * @param handoverTime     how long after taking a VIP over from a former owner it may still hold the VIP and
     *                         have connections on it (after that, nothing is passed on to it any more)
     */
    public VipController(VipBackend backend, List<String> configuredVips, Duration reassertInterval, int attempts,
                         Duration retryDelay, Duration handoverTime) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.backend = backend;
        this.configuredVips = List.copyOf(configuredVips);
        this.reassertInterval = reassertInterval;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.handoverTime = handoverTime;
        this.worker = DaemonThreads.singleThreadScheduler("ballast-vip");
    }

    /** Releases leftovers of an earlier run, then starts the periodic re-assert. Call before joining the cluster. */
    public void start() {
        worker.execute(() -> configuredVips.forEach(vip -> withRetries("release leftover", vip, backend::release)));
        long intervalMillis = reassertInterval.toMillis();
        worker.scheduleWithFixedDelay(this::reassertOwned, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void vipsChanged(Set<String> owned, Map<String, InetAddress> formerOwners, String reason) {
        Set<String> target = Set.copyOf(owned);
        Map<String, InetAddress> from = Map.copyOf(formerOwners);
        worker.execute(() -> reconcile(target, from, reason));
    }

    @Override
    public void reannounce(Set<String> owned, String reason) {
        Set<String> vips = Set.copyOf(owned);
        worker.execute(() -> {
            LOG.info("Announcing VIPs {} again because {}", new TreeSet<>(vips), reason);
            for (String vip : new TreeSet<>(vips)) {
                if (held.contains(vip)) {
                    withRetries("re-announce", vip, backend::reassert);
                }
            }
        });
    }

    /**
     * Waits (bounded) for pending work, e.g. the release after the cluster member stopped or the end of a handover
     * whose VIP is still held, then stops.
     */
    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.error("VIP work still running after 30 s; abandoning it. Check with vip-status: {}", configuredVips);
            worker.shutdownNow();
        }
    }

    private void reconcile(Set<String> target, Map<String, InetAddress> formerOwners, String reason) {
        wanted = target;
        LOG.info("VIPs wanted {} (held {}) because {}", new TreeSet<>(target), held, reason);
        // Take new VIPs before letting others go: in a handover the gap is what clients feel.
        for (String vip : new TreeSet<>(target)) {
            if (!held.contains(vip)) {
                long started = System.nanoTime();
                InetAddress formerOwner = formerOwners.get(vip);
                boolean acquired = formerOwner == null
                        ? withRetries("acquire", vip, backend::acquire)
                        : withRetries("acquire (handover from " + formerOwner.getHostAddress() + ")", vip,
                                v -> backend.acquireFrom(v, formerOwner));
                if (acquired) {
                    held.add(vip);
                    LOG.info("VIP {} acquired in {} ms", vip, (System.nanoTime() - started) / 1_000_000);
                    if (formerOwner != null) {
                        endHandoverLater(vip);
                    }
                }
            }
        }
        for (String vip : new TreeSet<>(held)) {
            if (!target.contains(vip) && withRetries("release", vip, backend::release)) {
                held.remove(vip);
                cancelHandoverEnd(vip); // the release ended it
            }
        }
    }

    /** Replaces the end of an earlier handover of the same VIP (not expected: a release cancels it). */
    private void endHandoverLater(String vip) {
        cancelHandoverEnd(vip);
        handoverEnds.put(vip, worker.schedule(() -> {
            handoverEnds.remove(vip);
            withRetries("end of the handover", vip, backend::endHandover);
        }, handoverTime.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void cancelHandoverEnd(String vip) {
        ScheduledFuture<?> pending = handoverEnds.remove(vip);
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void reassertOwned() {
        for (String vip : new TreeSet<>(wanted)) {
            if (held.contains(vip)) {
                withRetries("re-assert", vip, backend::reassert);
            } else if (withRetries("acquire (retry)", vip, backend::acquire)) {
                held.add(vip);
            }
        }
        for (String vip : new TreeSet<>(held)) {
            if (!wanted.contains(vip) && withRetries("release (retry)", vip, backend::release)) {
                held.remove(vip);
                cancelHandoverEnd(vip);
            }
        }
    }

    private boolean withRetries(String what, String vip, VipAction action) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                action.apply(vip);
                if (attempt > 1) {
                    LOG.warn("{} of VIP {} succeeded on attempt {}", what, vip, attempt);
                }
                return true;
            } catch (VipException e) {
                LOG.error("{} of VIP {} failed (attempt {}/{}): {}", what, vip, attempt, attempts, e.getMessage());
            }
            if (attempt < attempts && !pause()) {
                return false;
            }
        }
        LOG.error("GAVE UP: {} of VIP {} failed {} times; retrying in {} ms. Clients may not reach this cluster "
                + "until it works: check the interface, privileges and vip-scripts", what, vip, attempts,
                reassertInterval.toMillis());
        return false;
    }

    private boolean pause() {
        try {
            Thread.sleep(retryDelay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @FunctionalInterface
    private interface VipAction {
        void apply(String vip) throws VipException;
    }
}
