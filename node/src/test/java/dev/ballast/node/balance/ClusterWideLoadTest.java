package dev.ballast.node.balance;

import static dev.ballast.node.balance.Fixtures.primary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.node.config.BalanceConfig.Algorithm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The other cluster members' requests count in least-connection picks ({@code cluster-wide-load}). */
class ClusterWideLoadTest {

    private static BackendBalancer backend(Algorithm algorithm) {
        return new BackendBalancer("be", Fixtures.config(algorithm), false, 0,
                List.of(primary("a", 1), primary("b", 1)), System::nanoTime);
    }

    @Test
    void leastconnAvoidsTheServerTheOtherNodesKeepBusy() {
        BackendBalancer backend = backend(Algorithm.LEASTCONN);
        Server a = backend.server("a").orElseThrow();
        Server b = backend.server("b").orElseThrow();
        backend.setRemoteLoad(a, 5);
        for (int i = 0; i < 5; i++) {
            Server picked = backend.pick(TestRequest.fromClient("10.0.0.1"), null);
            assertThat(picked).as("pick %d", i).isEqualTo(b);
            backend.connectionTaken(picked);
        }
        assertThat(a.inFlight()).isZero();
        assertThat(a.load()).isEqualTo(5);
        assertThat(b.load()).isEqualTo(5);

        backend.setRemoteLoad(a, 0);
        assertThat(backend.pick(TestRequest.fromClient("10.0.0.1"), null)).isEqualTo(a);
    }

    @Test
    void p2cComparesClusterWideLoad() {
        BackendBalancer backend = backend(Algorithm.P2C);
        Server a = backend.server("a").orElseThrow();
        Server b = backend.server("b").orElseThrow();
        backend.setRemoteLoad(b, 100);
        for (int i = 0; i < 50; i++) {
            assertThat(backend.pick(TestRequest.fromClient("10.0.0.1"), null)).isEqualTo(a);
        }
        backend.setRemoteLoad(b, 0);
        backend.setRemoteLoad(a, 100);
        for (int i = 0; i < 50; i++) {
            assertThat(backend.pick(TestRequest.fromClient("10.0.0.1"), null)).isEqualTo(b);
        }
    }

    @Test
    void maxconnStaysAPerNodeLimit() {
        Server limited = Fixtures.server("s", 1, 2);
        limited.remoteInFlight(10);
        assertThat(limited.isFull()).as("the other nodes' requests do not fill this node's slots").isFalse();
        limited.requestStarted();
        limited.requestStarted();
        assertThat(limited.isFull()).isTrue();
    }
}
