package dev.ballast.cluster.vip;

import java.net.InetAddress;

/** How this node takes and gives up a VIP. Called from the {@link VipController}'s own thread, never concurrently. */
public interface VipBackend {

    /** Makes the VIP this node's and announces it. Idempotent. */
    void acquire(String vip) throws VipException;

    /**
     * As {@link #acquire}, in a deliberate handover: {@code formerOwner} still holds the VIP for a moment and still
     * has connections on it, so what belongs to them and arrives here is passed on to it until {@link #endHandover}
     * (as far as the backend can; failing to is logged, never an error of the acquisition). Idempotent.
     */
    void acquireFrom(String vip, InetAddress formerOwner) throws VipException;

    /** The former owner has let go: stop passing anything on to it. Idempotent. */
    void endHandover(String vip) throws VipException;

    /** Gives the VIP up (and ends a handover's passing on). Idempotent. */
    void release(String vip) throws VipException;

    /** Periodically, while owned: verify the VIP is still held (restore it loudly if not) and re-announce it. */
    void reassert(String vip) throws VipException;
}
