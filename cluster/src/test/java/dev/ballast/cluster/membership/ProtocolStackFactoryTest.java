package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.cluster.election.AssignmentMode;
import dev.ballast.cluster.election.QuorumPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolStackFactoryTest {

    @TempDir
    Path dir;

    /**
     * A protocol sees only the events of the protocols below it: VERIFY_SUSPECT2 must be above FD_ALL3 and FD_SOCK2,
     * so that every suspicion is verified (an unverified FD_SOCK2 suspicion split a freshly merged pair).
     */
    @Test
    void everySuspicionIsVerifiedBeforeMembershipHearsOfIt() throws IOException {
        for (FailureDetectionProfile profile : FailureDetectionProfile.values()) {
            List<Class<?>> stack = build(profile).stream().<Class<?>>map(ProtocolStackFactoryTest::jgroupsClass).toList();
            assertThat(stack.indexOf(FD_ALL3.class)).as(profile + ": FD_ALL3 below VERIFY_SUSPECT2")
                    .isLessThan(stack.indexOf(VERIFY_SUSPECT2.class));
            assertThat(stack.indexOf(FD_SOCK2.class)).as(profile + ": FD_SOCK2 below VERIFY_SUSPECT2")
                    .isLessThan(stack.indexOf(VERIFY_SUSPECT2.class));
            assertThat(stack.indexOf(VERIFY_SUSPECT2.class)).as(profile + ": failure detection below encryption")
                    .isLessThan(stack.indexOf(SYM_ENCRYPT.class));
        }
    }

    @Test
    void profileTimingsReachTheProtocols() throws IOException {
        List<Protocol> stack = build(FailureDetectionProfile.FAST);
        FD_ALL3 heartbeats = find(stack, FD_ALL3.class);
        assertThat(heartbeats.getTimeout()).isEqualTo(FailureDetectionProfile.FAST.heartbeatTimeoutMillis());
        assertThat(heartbeats.getInterval()).isEqualTo(FailureDetectionProfile.FAST.heartbeatIntervalMillis());
        assertThat(find(stack, VERIFY_SUSPECT2.class)).isInstanceOf(PromptVerifySuspect.class);
        assertThat(find(stack, VERIFY_SUSPECT2.class).getTimeout())
                .isEqualTo(FailureDetectionProfile.FAST.verifySuspectMillis());
    }

    /** The crash probe asks the stack's own FD_SOCK2 where a member's FD_SOCK2 server may listen. */
    @Test
    void socketFailureDetectionTellsTheCrashProbeWhereToLook() throws IOException {
        List<Protocol> stack = build(FailureDetectionProfile.FAST);
        assertThat(find(stack, FD_SOCK2.class)).isInstanceOf(SocketFailureDetection.class);
        assertThat(find(stack, FD_SOCK2.class).getOffset()).isEqualTo(100);
    }

    private List<Protocol> build(FailureDetectionProfile profile) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "a shared secret of enough length");
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7800);
        ClusterSettings settings = new ClusterSettings("a", "test", bind, List.of(bind), secret, profile,
                new QuorumPolicy.None(), 0, false, AssignmentMode.ACTIVE_PASSIVE, List.of("10.0.0.100/24"));
        return ProtocolStackFactory.build(settings, SharedSecret.fromFile(secret));
    }

    /** The JGroups protocol a class of ours stands in for (PromptVerifySuspect is a VERIFY_SUSPECT2). */
    private static Class<?> jgroupsClass(Protocol protocol) {
        Class<?> type = protocol.getClass();
        while (!type.getPackageName().startsWith("org.jgroups")) {
            type = type.getSuperclass();
        }
        return type;
    }

    private static <T extends Protocol> T find(List<Protocol> stack, Class<T> type) {
        return stack.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
