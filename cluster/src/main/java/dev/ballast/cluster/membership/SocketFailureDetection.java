package dev.ballast.cluster.membership;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.Membership;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.stack.IpAddress;

/**
 * FD_SOCK2 with two additions; it takes FD_SOCK2's protocol id and speaks its messages, so it replaces it in the
 * stack one for one.
 * <ul>
 *   <li>It can say where a member's FD_SOCK2 server may listen: the same addresses FD_SOCK2 itself connects to (the
 *       member's transport address, port plus offset, over the port range), so {@link PromptVerifySuspect}'s crash
 *       probe asks exactly the ports a live member of this stack would be listening on.</li>
 *   <li>It watches a neighbour again once a false suspicion of it is lifted. When FD_SOCK2 5.5 fails to connect to
 *       a neighbour that is alive (the connect timed out on a loaded machine, or two members connected to each
 *       other at once while merging; both seen in tests), the verification finds it alive and lifts the suspicion,
 *       but FD_SOCK2 does not watch it again until the next view: it puts the member back at the end of its ring
 *       instead of its place (so it watches the member after it), it connects to its neighbour only when that
 *       differs from the member it last tried (which a failed connect leaves set), and a late answer to the failed
 *       connect marks it connected without the connection it watches. A member nobody watches has its crash
 *       noticed by missing heartbeats only (3 s with the safe profile instead of ~0.1 s). So a member found alive
 *       is put back at its place, and connected to again when it is the neighbour FD_SOCK2 skipped.</li>
 * </ul>
 */
final class SocketFailureDetection extends FD_SOCK2 {

    private static final Logger LOG = LogManager.getLogger(SocketFailureDetection.class);

    /** The member the last connect failed to, while FD_SOCK2 keeps it as its destination; null after a success. */
    private volatile Address failedDestination;

    SocketFailureDetection() {
        setId(ClassConfigurator.getProtocolId(FD_SOCK2.class));
    }

    /** Puts the member back at its place in the ring: FD_SOCK2 appends it. */
    @Override
    protected void unsuspect(Address member) {
        super.unsuspect(member);
        pingable_mbrs.set(members.getMembers().stream().filter(pingable_mbrs::contains).toList());
    }

    /** Remembers a failed connect: FD_SOCK2 keeps the member as its destination, without a connection to watch. */
    @Override
    protected boolean connectTo(Address newPingDest, Membership mbrs) {
        boolean connected = super.connectTo(newPingDest, mbrs);
        failedDestination = connected ? null : newPingDest;
        return connected;
    }

    /**
     * After FD_SOCK2's own pass: when its neighbour is the member it failed to connect to (which a failed connect
     * takes out of the ring until it is found alive), it skipped the neighbour as already its destination, and this
     * connects to it.
     */
    @Override
    protected void connectToNextPingDest(Address alreadySuspect) {
        super.connectToNextPingDest(alreadySuspect);
        Address neighbour = pingable_mbrs.getNext(local_addr); // null when no other member is left to watch
        if (neighbour == null || shutting_down || !neighbour.equals(failedDestination)) {
            return;
        }
        if (connectTo(neighbour, members)) {
            LOG.info("failure detection watches {} again: it was found alive after a failed connect", neighbour);
        } else {
            LOG.warn("failure detection cannot connect to {} although it was found alive: its crash will be noticed "
                    + "by missing heartbeats only, until it is found alive again or the view changes", neighbour);
        }
    }

    /** Empty when the member's transport address is not known (then nothing can be probed). */
    List<InetSocketAddress> serverAddressesOf(Address member) {
        Object physical = down_prot.down(new Event(Event.GET_PHYSICAL_ADDRESS, member));
        if (!(physical instanceof IpAddress transport)) {
            return List.of();
        }
        return IntStream.of(computeBindPorts(transport.getPort()))
                .mapToObj(port -> new InetSocketAddress(transport.getIpAddress(), port))
                .toList();
    }
}
