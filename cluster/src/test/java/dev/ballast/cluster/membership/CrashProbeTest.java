package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.cluster.membership.CrashProbe.Answer;
import dev.ballast.cluster.membership.CrashProbe.Attempt;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashProbeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final CrashProbe probe = new CrashProbe(LOOPBACK, Duration.ofSeconds(2));

    @Test
    void onlyARefusalCountsAsNothingListening() {
        assertThat(CrashProbe.classify(new ConnectException("Connection refused"))).isEqualTo(Answer.REFUSED);
        assertThat(CrashProbe.classify(new ConnectException("Connection timed out"))).isEqualTo(Answer.NO_ANSWER);
        assertThat(CrashProbe.classify(new ConnectException(null))).isEqualTo(Answer.NO_ANSWER);
        assertThat(CrashProbe.classify(new SocketTimeoutException("Connect timed out"))).isEqualTo(Answer.NO_ANSWER);
        assertThat(CrashProbe.classify(new NoRouteToHostException("No route to host"))).isEqualTo(Answer.NO_ANSWER);
        assertThat(CrashProbe.classify(new BindException("Cannot assign requested address")))
                .isEqualTo(Answer.NO_ANSWER);
    }

    @Test
    void aClosedPortRefusesAndAListeningOneAccepts() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, LOOPBACK)) {
            assertThat(probe.attempt(addressOf(listening))).isEqualTo(Answer.ACCEPTED);
        }
        assertThat(probe.attempt(closedPort())).isEqualTo(Answer.REFUSED);
    }

    /** A frozen process (SIGSTOP) never calls accept, but its kernel completes the connection: not gone. */
    @Test
    void aListenerThatNeverAcceptsIsNotGone() throws IOException {
        try (ServerSocket frozen = new ServerSocket(0, 50, LOOPBACK)) {
            Attempt accepted = new Attempt(addressOf(frozen), Answer.ACCEPTED);
            assertThat(probe.firstNotRefusing(List.of(addressOf(frozen)))).contains(accepted);
            assertThat(probe.firstNotRefusing(List.of(addressOf(frozen)))).as("probed again").contains(accepted);
        }
    }

    @Test
    void goneOnlyWhenEveryAddressRefuses() throws IOException {
        InetSocketAddress closed1 = closedPort();
        InetSocketAddress closed2 = closedPort();
        assertThat(probe.firstNotRefusing(List.of(closed1, closed2))).isEmpty();
        try (ServerSocket listening = new ServerSocket(0, 50, LOOPBACK)) {
            assertThat(probe.firstNotRefusing(List.of(closed1, addressOf(listening), closed2)))
                    .contains(new Attempt(addressOf(listening), Answer.ACCEPTED));
        }
        assertThatThrownBy(() -> probe.firstNotRefusing(List.of())).as("nothing probed proves nothing")
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InetSocketAddress addressOf(ServerSocket socket) {
        return new InetSocketAddress(LOOPBACK, socket.getLocalPort());
    }

    /** A loopback port that nothing listens on (it did a moment ago). */
    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return addressOf(socket);
        }
    }
}
