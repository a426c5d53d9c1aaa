package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.cluster.election.MemberStatus;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterMessageTest {

    @Test
    void everyMessageSurvivesTheRoundTrip() throws IOException {
        ClusterMessage status = new ClusterMessage.Status(
                new MemberStatus("node-a", true, 150, true, Map.of("10.0.0.100/24", 7L)));
        ClusterMessage promote = new ClusterMessage.Promote("node-b");
        ClusterMessage check = new ClusterMessage.MembershipCheck(42);
        ClusterMessage answer = new ClusterMessage.MembershipAnswer(42, false);
        for (ClusterMessage message : new ClusterMessage[] {status, promote, check, answer}) {
            byte[] framed = frame(ClusterMessage.encode(message));
            assertThat(ClusterMessage.decode(framed, 3, framed.length - 5)).isEqualTo(message);
        }
    }

    @Test
    void unknownTypeIsRejectedWithItsNumber() {
        assertThatThrownBy(() -> ClusterMessage.decode(new byte[] {9}, 0, 1))
                .isInstanceOf(IOException.class).hasMessageContaining("type 9");
    }

    private static byte[] frame(byte[] payload) {
        byte[] framed = new byte[payload.length + 5];
        System.arraycopy(payload, 0, framed, 3, payload.length);
        return framed;
    }
}
