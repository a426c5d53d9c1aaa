package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.cluster.election.QuorumPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpTiebreakerProbeTest {

    @Test
    void followsWhetherTheTargetAcceptsConnections() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ServerSocket listening = new ServerSocket(0, 50, loopback);
        InetSocketAddress target = new InetSocketAddress(loopback, listening.getLocalPort());
        try (TcpTiebreakerProbe probe = new TcpTiebreakerProbe(target, Duration.ofMillis(500), Duration.ofMillis(50))) {
            assertThat(probe.getAsBoolean()).isTrue();
            QuorumPolicy policy = new QuorumPolicy.Tiebreaker(target.toString(), probe);
            listening.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> !policy.allowsOwnership(1));
        } finally {
            listening.close();
        }
    }
}
