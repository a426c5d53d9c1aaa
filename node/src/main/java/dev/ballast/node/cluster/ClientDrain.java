package dev.ballast.node.cluster;

import java.net.InetAddress;
import java.time.Duration;

/** Lets the client connections accepted on one local address finish (the data plane's side of a VIP handover). */
@FunctionalInterface
interface ClientDrain {

    /**
     * Asks those connections to finish (as {@code DrainRequest} says) and waits up to {@code max}.
     *
     * @return how many are still open
     */
    int drainClientsOn(InetAddress address, Duration max);
}
