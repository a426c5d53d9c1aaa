package dev.ballast.node.cluster;

import dev.ballast.cluster.vip.VipBackend;
import dev.ballast.cluster.vip.VipException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Lets go of a handed-over VIP in the order that keeps the handover hitless for clients:
 * <ol>
 *   <li>keep the VIP, and keep accepting on it, for {@code linger} after the successor's claim: the successor
 *       claims before its vip-up has added the address and sent the gratuitous ARP that moves clients over;</li>
 *   <li>then let the connections accepted on the VIP finish while the address is still here (without it the node
 *       cannot send them another byte), at most {@code drainMax};</li>
 *   <li>only then release the VIP.</li>
 * </ol>
 * A node that must drop the VIP (its data plane failed, it lost quorum) releases at once.
 */
final class HandoverLinger implements VipBackend {

    private static final Logger LOG = LogManager.getLogger(HandoverLinger.class);

    private final VipBackend backend;
    private final Duration linger;
    private final ClientDrain drain;
    private final Duration drainMax;
    private final BooleanSupplier couldKeepServing;

    /**
     * @param couldKeepServing whether this node could still serve (eligible, with quorum): then a release is a
     *                         handover, and lingers and drains
     */
    HandoverLinger(VipBackend backend, Duration linger, ClientDrain drain, Duration drainMax,
                   BooleanSupplier couldKeepServing) {
        this.backend = backend;
        this.linger = linger;
        this.drain = drain;
        this.drainMax = drainMax;
        this.couldKeepServing = couldKeepServing;
    }

    @Override
    public void acquire(String vip) throws VipException {
        backend.acquire(vip);
    }

    @Override
    public void acquireFrom(String vip, InetAddress formerOwner) throws VipException {
        backend.acquireFrom(vip, formerOwner);
    }

    @Override
    public void endHandover(String vip) throws VipException {
        backend.endHandover(vip);
    }

    @Override
    public void release(String vip) throws VipException {
        if (couldKeepServing.getAsBoolean()) {
            try {
                Thread.sleep(linger.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VipException("interrupted while handing VIP " + vip + " over", e);
            }
            long drainStart = System.nanoTime();
            int open = drain.drainClientsOn(address(vip), drainMax);
            long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
            if (open > 0) {
                LOG.warn("Handing VIP {} over: {} client connection(s) on it still open after {} ms; releasing it "
                        + "anyway, they end now", vip, open, drainMillis);
            } else {
                LOG.info("Handing VIP {} over: kept it {} ms for the successor's announcement, then {} ms until the "
                        + "connections on it finished; releasing it", vip, linger.toMillis(), drainMillis);
            }
        }
        backend.release(vip);
    }

    @Override
    public void reassert(String vip) throws VipException {
        backend.reassert(vip);
    }

    /** The VIP's address without its /prefix (a literal: no name lookup). */
    private static InetAddress address(String vip) throws VipException {
        int slash = vip.indexOf('/');
        String literal = slash < 0 ? vip : vip.substring(0, slash);
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new VipException("VIP " + vip + " is not an IP address", e);
        }
    }
}
