package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jgroups.Event;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

class SocketFailureDetectionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** FD_SOCK2 5.5 listens on the first free port of transport port + offset ... + offset + port range. */
    @Test
    void probesTheSamePortsFdSock2ConnectsTo() {
        SocketFailureDetection detection = new SocketFailureDetection();
        detection.setOffset(100);
        detection.setPortRange(3);
        detection.setDownProtocol(transportKnowing(new IpAddress(LOOPBACK, 7800)));

        assertThat(detection.serverAddressesOf(UUID.randomUUID())).containsExactly(
                new InetSocketAddress(LOOPBACK, 7900), new InetSocketAddress(LOOPBACK, 7901),
                new InetSocketAddress(LOOPBACK, 7902), new InetSocketAddress(LOOPBACK, 7903));
    }

    @Test
    void nothingToProbeWhenTheMembersAddressIsUnknown() {
        SocketFailureDetection detection = new SocketFailureDetection();
        detection.setDownProtocol(transportKnowing(null));

        assertThat(detection.serverAddressesOf(UUID.randomUUID())).isEmpty();
    }

    @Test
    void speaksFdSock2sMessages() {
        assertThat(new SocketFailureDetection().getId()).isEqualTo(ClassConfigurator.getProtocolId(FD_SOCK2.class));
    }

    private static Protocol transportKnowing(IpAddress physical) {
        return new Protocol() {
            @Override
            public Object down(Event evt) {
                return evt.getType() == Event.GET_PHYSICAL_ADDRESS ? physical : null;
            }
        };
    }
}
