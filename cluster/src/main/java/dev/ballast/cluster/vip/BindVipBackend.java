package dev.ballast.cluster.vip;

import java.net.InetAddress;

/**
 * The {@code bind} mode, for one host without root: no address is added; the owner is told to listen on the VIP
 * (e.g. 127.0.0.100:8080 on loopback) and the former owner to stop listening. The node implements the listener.
 */
public final class BindVipBackend implements VipBackend {

    private final BindListener listener;

    public BindVipBackend(BindListener listener) {
        this.listener = listener;
    }

    @Override
    public void acquire(String vip) throws VipException {
        listener.listenOn(addressOf(vip));
    }

    /**
     * Nothing to pass on: both nodes listen on the same host (SO_REUSEPORT), where a connection's segments always
     * reach the socket that accepted it.
     */
    @Override
    public void acquireFrom(String vip, InetAddress formerOwner) throws VipException {
        acquire(vip);
    }

    @Override
    public void endHandover(String vip) {
        // acquireFrom set up nothing beyond acquire.
    }

    @Override
    public void release(String vip) throws VipException {
        listener.stopListeningOn(addressOf(vip));
    }

    /** Nothing to re-announce: the listener's own sockets are the state. */
    @Override
    public void reassert(String vip) {
        // A bound socket cannot silently lose its address, unlike an interface address.
    }

    /** The address without a /prefix, as a socket binds it. */
    static String addressOf(String vip) {
        int slash = vip.indexOf('/');
        return slash < 0 ? vip : vip.substring(0, slash);
    }

    /** What the node does in bind mode; a failure is reported as a {@link VipException}. */
    public interface BindListener {

        /** Start listening on this address (every frontend port that serves the VIP). */
        void listenOn(String address) throws VipException;

        /** Stop listening on this address. */
        void stopListeningOn(String address) throws VipException;
    }
}
