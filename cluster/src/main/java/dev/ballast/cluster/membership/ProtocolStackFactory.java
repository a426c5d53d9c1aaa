package dev.ballast.cluster.membership;

import java.util.List;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.BARRIER;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.protocols.pbcast.STATE;
import org.jgroups.stack.Protocol;

/**
 * Builds the JGroups stack in code (bottom first), so the tuned settings live in one reviewed place.
 * <ul>
 *   <li>TCP on exactly the configured address and port (no port range: peers know where to find us).</li>
 *   <li>FD_ALL3 notices a hung or cut-off peer (no message for the heartbeat timeout) and VERIFY_SUSPECT2, above
 *       it, double-checks that suspicion before the peer is excluded: a peer that was merely slow, or an observer
 *       that was itself starved of CPU, answers the check (timings from the {@link FailureDetectionProfile};
 *       {@link PromptVerifySuspect} makes the verification last its timeout, not up to twice that).
 *       FD_SOCK2 notices a crashed peer when its socket closes; its suspicion is verified too (it sits below
 *       VERIFY_SUSPECT2): FD_SOCK2 also suspects a live peer it merely failed to connect to soon after a view
 *       change, and unverified that split a pair right after a member resumed from SIGSTOP and merged back (both
 *       excluded each other within 10 ms and both claimed the VIP; ClusterFailoverIT in CI). What makes a kill -9
 *       fast anyway is the verification's own crash probe ({@link PromptVerifySuspect}): when the suspect's host
 *       refuses connections on every port its FD_SOCK2 server may listen on ({@link SocketFailureDetection}), its
 *       process is gone and it is excluded at once; anything else waits for the suspect's answer as before. All of
 *       this runs on JGroups' own timer and threads and the probe's own thread, never on the data plane's.</li>
 *   <li>MERGE3 heals partitions within 1-2 s (info every 0.2-0.6 s, consistency check every second).</li>
 *   <li>SYM_ENCRYPT (AES-CBC, key from the shared secret) under NAKACK2: every message with a payload is
 *       encrypted, and messages under another key are dropped, so a foreign process can neither read the state
 *       nor take part in views.</li>
 *   <li>AUTH under GMS rejects JOIN/MERGE requests without a token proving the secret.</li>
 *   <li>STATE on top streams the replicated tables to a joiner (through encryption, like every message).</li>
 * </ul>
 */
final class ProtocolStackFactory {

    private static final int FD_SOCK2_PORT_OFFSET = 100;

    private ProtocolStackFactory() {
    }

    static List<Protocol> build(ClusterSettings settings, SharedSecret secret) {
        FailureDetectionProfile profile = settings.profile();
        TCP transport = new TCP();
        transport.setBindAddress(settings.bind().getAddress());
        transport.setBindPort(settings.bind().getPort());
        transport.setPortRange(0);

        TCPPING discovery = new TCPPING();
        discovery.initialHosts(settings.peers());
        discovery.setPortRange(0);

        SocketFailureDetection socketFailureDetection = new SocketFailureDetection();
        socketFailureDetection.setBindAddress(settings.bind().getAddress());
        socketFailureDetection.setOffset(FD_SOCK2_PORT_OFFSET);

        SYM_ENCRYPT encryption = new SYM_ENCRYPT();
        encryption.symAlgorithm("AES/CBC/PKCS5Padding");
        encryption.symIvLength(16);
        encryption.setSecretKey(secret.encryptionKey());

        AUTH authentication = new AUTH();
        SecretAuthToken token = new SecretAuthToken(secret.authenticationKey());
        token.setAuth(authentication); // AUTH.setAuthToken does not link them; the token needs our address
        authentication.setAuthToken(token);

        return List.of(
                transport,
                discovery,
                // Partitions merge within ~1-2 s: a paused member steps back, and a member that becomes able to
                // serve while alone holds back, until then (ClusterMember). An info message costs a few dozen bytes.
                new MERGE3().setMinInterval(200).setMaxInterval(600).setCheckInterval(1_000),
                socketFailureDetection,
                new FD_ALL3().setTimeout(profile.heartbeatTimeoutMillis()).setInterval(profile.heartbeatIntervalMillis()),
                new PromptVerifySuspect(socketFailureDetection, settings.bind().getAddress())
                        .setTimeout(profile.verifySuspectMillis()),
                encryption,
                new BARRIER(),
                new NAKACK2().useMcastXmit(false),
                new UNICAST3(),
                new STABLE(),
                authentication,
                new GMS().setJoinTimeout(1_000).setMaxJoinAttempts(3).printLocalAddress(false),
                new MFC(),
                new UFC(),
                new FRAG4(),
                // Streamed state transfer: a joiner gets the replicated tables in chunks, however large.
                new STATE());
    }
}
