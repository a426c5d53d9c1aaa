package dev.ballast.cluster.vip;

/** How this node takes and gives up a VIP. Called from the {@link VipController}'s own thread, never concurrently. */
public interface VipBackend {

    /** Makes the VIP this node's and announces it. Idempotent. */
    void acquire(String vip) throws VipException;

    /** Gives the VIP up. Idempotent. */
    void release(String vip) throws VipException;

    /** Periodically, while owned: verify the VIP is still held (restore it loudly if not) and re-announce it. */
    void reassert(String vip) throws VipException;
}
