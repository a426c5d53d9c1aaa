package dev.ballast.node.cluster;

import dev.ballast.cluster.vip.VipBackend;
import dev.ballast.cluster.vip.VipException;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Keeps a VIP a moment longer when it is handed over rather than dropped. A successor announces its claim before
 * it has bound or added the VIP, and the former owner lets go on that claim: without this pause, clients would
 * meet neither. A node that must drop the VIP (its data plane failed, it lost quorum) releases at once.
 */
final class HandoverLinger implements VipBackend {

    private final VipBackend backend;
    private final Duration linger;
    private final BooleanSupplier couldKeepServing;

    /**
     * @param couldKeepServing whether this node could still serve (eligible, with quorum): then a release is a
     *                         handover and lingers
     */
    HandoverLinger(VipBackend backend, Duration linger, BooleanSupplier couldKeepServing) {
        this.backend = backend;
        this.linger = linger;
        this.couldKeepServing = couldKeepServing;
    }

    @Override
    public void acquire(String vip) throws VipException {
        backend.acquire(vip);
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
        }
        backend.release(vip);
    }

    @Override
    public void reassert(String vip) throws VipException {
        backend.reassert(vip);
    }
}
