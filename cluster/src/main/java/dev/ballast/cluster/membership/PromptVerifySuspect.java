package dev.ballast.cluster.membership;

import dev.ballast.cluster.DaemonThreads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.VERIFY_SUSPECT2;

/**
 * VERIFY_SUSPECT2 that ends a verification as soon as its outcome is known, in both directions:
 * <ul>
 *   <li>A suspect whose verification time is over is excluded at once. JGroups 5.5 checks for expired
 *       verifications only every {@code timeout} ms, on a fixed beat that has nothing to do with when a suspicion
 *       came in, so a 50 ms verification took 50-100 ms (measured: 51-96 ms, median 75, of a SIGSTOP failover's
 *       400 ms budget). This one checks every {@value #CHECK_INTERVAL_MILLIS} ms.</li>
 *   <li>A suspect whose process is gone is excluded without waiting out the verification: when a verification
 *       starts, a {@link CrashProbe} connects to every address the suspect's FD_SOCK2 server may listen on, and if
 *       the suspect's host refuses them all, nothing of that member listens any more (kill -9, a crash: its host
 *       lives, its process does not). Any other answer (a connection accepted by a frozen process's kernel, no answer
 *       from a cut-off host) leaves the ordinary verification to decide: the suspect still gets the full timeout to
 *       answer. So a live member is never excluded by this shortcut, whatever raised the suspicion (a closed socket, a
 *       failed connect right after a merge, missing heartbeats); the price of asking is one connection attempt per
 *       verification.</li>
 * </ul>
 * It takes VERIFY_SUSPECT2's protocol id and speaks its messages, so it replaces it in the stack one for one.
 */
final class PromptVerifySuspect extends VERIFY_SUSPECT2 {

    private static final Logger LOG = LogManager.getLogger(PromptVerifySuspect.class);
    private static final long CHECK_INTERVAL_MILLIS = 5;

    private final SocketFailureDetection socketFailureDetection;
    private final InetAddress probeSource;
    private Future<?> expiryCheck;
    private volatile ExecutorService prober;

    /**
     * @param socketFailureDetection the stack's FD_SOCK2, which knows where a member's FD_SOCK2 server listens
     * @param probeSource            local address the crash probe connects from (the cluster's bind address)
     */
    PromptVerifySuspect(SocketFailureDetection socketFailureDetection, InetAddress probeSource) {
        setId(ClassConfigurator.getProtocolId(VERIFY_SUSPECT2.class));
        this.socketFailureDetection = socketFailureDetection;
        this.probeSource = probeSource;
    }

    /** Instead of VERIFY_SUSPECT2's check every {@code timeout} ms. */
    @Override
    public synchronized void start() {
        running = true;
        if (expiryCheck == null) {
            expiryCheck = timer.scheduleAtFixedRate(this, CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        if (prober == null) {
            prober = DaemonThreads.singleThreadScheduler("ballast-crash-probe");
        }
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (expiryCheck != null) {
            expiryCheck.cancel(true);
            expiryCheck = null;
        }
        if (prober != null) {
            prober.shutdownNow();
            prober = null;
        }
    }

    @Override
    public Object up(Event evt) {
        if (evt.getType() != Event.SUSPECT || evt.arg() == null) {
            return super.up(evt);
        }
        List<Address> newSuspects = notYetVerifying(evt.arg());
        Object result = super.up(evt); // starts the verification (and asks the suspects whether they are alive)
        newSuspects.forEach(this::probeForCrash);
        return result;
    }

    /** Suspects a verification has not started for yet: a repeated suspicion (FD_ALL3 repeats it) is probed once. */
    private synchronized List<Address> notYetVerifying(Collection<Address> suspected) {
        return suspected.stream()
                .filter(suspect -> !suspect.equals(local_addr))
                .filter(suspect -> suspects.stream().noneMatch(entry -> entry.suspect().equals(suspect)))
                .toList();
    }

    private void probeForCrash(Address suspect) {
        ExecutorService current = prober;
        if (current == null) {
            return; // stopped: no verification runs either
        }
        CrashProbe probe = new CrashProbe(probeSource, Duration.ofMillis(timeout));
        try {
            current.execute(() -> excludeIfGone(suspect, probe));
        } catch (RejectedExecutionException stopping) {
            LOG.debug("crash probe of {} not started: the protocol is stopping", suspect);
        }
    }

    private void excludeIfGone(Address suspect, CrashProbe probe) {
        List<InetSocketAddress> addresses = socketFailureDetection.serverAddressesOf(suspect);
        if (addresses.isEmpty()) {
            LOG.info("suspect {}: its address is not known, so no crash probe; verifying it for {} ms", suspect,
                    timeout);
            return;
        }
        long started = System.nanoTime();
        Optional<CrashProbe.Attempt> notRefusing = probe.firstNotRefusing(addresses);
        long probeMicros = (System.nanoTime() - started) / 1_000;
        if (notRefusing.isPresent()) {
            LOG.info("suspect {} is not known to be gone ({} after {} us of probing its failure detection ports "
                    + "{}): verifying it for {} ms", suspect, notRefusing.get(), probeMicros, addresses, timeout);
            return;
        }
        // Still being verified (no answer from it yet, not yet expired): exclude it now instead of at expiry.
        if (removeSuspect(suspect)) {
            LOG.info("suspect {} is gone: its host refused connections to every port its failure detection listened "
                    + "on ({}, probed in {} us); excluding it without waiting out the {} ms verification", suspect,
                    addresses, probeMicros, timeout);
            up_prot.up(new Event(Event.SUSPECT, List.of(suspect)));
        }
    }
}
