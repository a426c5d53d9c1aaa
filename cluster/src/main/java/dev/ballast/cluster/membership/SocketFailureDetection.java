package dev.ballast.cluster.membership;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.IntStream;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.stack.IpAddress;

/**
 * FD_SOCK2 that can say where a member's FD_SOCK2 server may listen: the same addresses FD_SOCK2 itself connects to
 * (the member's transport address, port plus offset, over the port range), so {@link PromptVerifySuspect}'s crash
 * probe asks exactly the ports a live member of this stack would be listening on. It takes FD_SOCK2's protocol id
 * and speaks its messages, so it replaces it in the stack one for one.
 */
final class SocketFailureDetection extends FD_SOCK2 {

    SocketFailureDetection() {
        setId(ClassConfigurator.getProtocolId(FD_SOCK2.class));
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
