package dev.ballast.cluster.membership;

import dev.ballast.cluster.DaemonThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reachability of the tiebreaker by TCP connect, probed on its own thread so that answering
 * {@link #getAsBoolean()} never blocks the election: it returns the latest probe's outcome. Only an accepted
 * connection counts, so point it at a port that listens (e.g. the gateway's DNS or SSH port).
 */
public final class TcpTiebreakerProbe implements BooleanSupplier, AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(TcpTiebreakerProbe.class);

    private final InetSocketAddress target;
    private final Duration connectTimeout;
    private final ScheduledExecutorService prober;
    private volatile boolean reachable;

    /** Probes once right away (so the first answer is real), then every {@code interval}. */
    public TcpTiebreakerProbe(InetSocketAddress target, Duration connectTimeout, Duration interval) {
        this.target = target;
        this.connectTimeout = connectTimeout;
        this.reachable = probe();
        this.prober = DaemonThreads.singleThreadScheduler("ballast-tiebreaker-probe");
        prober.scheduleWithFixedDelay(this::update, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean getAsBoolean() {
        return reachable;
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }

    private void update() {
        boolean now = probe();
        if (now != reachable) {
            if (now) {
                LOG.warn("tiebreaker {} reachable again", target);
            } else {
                LOG.error("tiebreaker {} unreachable (no answer within {} ms): this node may not hold VIPs",
                        target, connectTimeout.toMillis());
            }
            reachable = now;
        }
    }

    private boolean probe() {
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) connectTimeout.toMillis());
            return true;
        } catch (IOException e) {
            LOG.debug("tiebreaker probe of {} failed: {}", target, e.toString());
            return false;
        }
    }
}
