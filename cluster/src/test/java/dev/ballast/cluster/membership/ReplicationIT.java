package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicated tables across member processes ({@link ReplicationMemberMain}) on loopback: reads on another member,
 * TTL expiry everywhere, nothing replicated lost to a kill -9, a joiner's full state, and a partition that merges.
 * Members use the safe failure-detection profile: on a loaded machine the fast one's 300 ms heartbeat timeout splits
 * the pair now and then, and a writer cut off that way before the kill has replicated nothing (a kill is still
 * noticed at once through FD_SOCK2).
 */
class ReplicationIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final Duration REPLICATED = Duration.ofSeconds(15);
    /** The ports helpers of this module may use for fixed-port tests; p and p + 100 (FD_SOCK2) must both fit. */
    private static final int PORT_BASE = 26_000;
    private static final int PORT_SPAN = 900;
    private static final Random RANDOM = new Random();

    @TempDir
    Path dir;

    private final List<MemberProcess> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private Path secret;

    @BeforeEach
    void setUp() throws IOException {
        secret = dir.resolve("secret");
        Files.writeString(secret, "replication integration test secret", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        for (int i = 0; i < 3; i++) {
            ports.add(freePort());
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (MemberProcess process : processes) {
            process.close();
        }
    }

    @Test
    void entriesAreReadElsewhereExpireEverywhereSurviveAKillAndReachAJoiner() throws Exception {
        MemberProcess a = start("a", 0);
        a.awaitMembers(STARTUP, "a");
        MemberProcess b = start("b", 1);
        a.awaitMembers(STARTUP, "a", "b");
        b.awaitMembers(STARTUP, "a", "b");

        a.ask(ANSWER, "put kept 10000 0 from-a");
        b.ask(ANSWER, "put back 100 0 from-b");
        awaitAnswer(b, "check kept 10000 from-a", "10000");
        awaitAnswer(a, "check back 100 from-b", "100");

        a.ask(ANSWER, "put short 1000 8000 ttl");
        awaitAnswer(b, "count short 1000", "1000");
        await("the 8 s entries expire on both members").atMost(Duration.ofSeconds(20)).until(() ->
                a.ask(ANSWER, "count short 1000").equals("0") && b.ask(ANSWER, "count short 1000").equals("0"));

        a.ask(ANSWER, "put big 100000 0 bulk");
        await("a has handed everything to the channel").atMost(REPLICATED).until(() -> a.ask(ANSWER, "pending").equals("0"));
        Thread.sleep(200); // the promise covers entries written at least 200 ms before the kill
        a.kill();
        long killedAt = System.currentTimeMillis();
        awaitAnswer(b, "count kept 10000", "10000");
        awaitAnswer(b, "count big 100000", "100000");
        System.out.println("MEASURED after kill -9 of the writer the survivor held all 110,000 entries "
                + (System.currentTimeMillis() - killedAt) + " ms later (nothing could arrive after the kill)");

        long joinStarted = System.currentTimeMillis();
        MemberProcess c = start("c", 2);
        c.awaitMembers(STARTUP, "b", "c");
        assertThat(c.ask(ANSWER, "count big 100000")).as("the state is fetched before start() returns")
                .isEqualTo("100000");
        assertThat(c.ask(ANSWER, "check kept 10000 from-a")).isEqualTo("10000");
        assertThat(c.ask(ANSWER, "check back 100 from-b")).isEqualTo("100");
        System.out.println("MEASURED joiner started, joined and held 110,100 entries after "
                + (System.currentTimeMillis() - joinStarted) + " ms; " + c.ask(ANSWER, "stats"));
    }

    @Test
    void partitionedMembersKeepWritingAndTheMergeKeepsTheUnionNewestWins() throws Exception {
        MemberProcess a = start("a", 0);
        a.awaitMembers(STARTUP, "a");
        MemberProcess b = start("b", 1);
        a.awaitMembers(STARTUP, "a", "b");
        b.awaitMembers(STARTUP, "a", "b");
        a.ask(ANSWER, "put doomed 200 0 x");
        awaitAnswer(b, "count doomed 200", "200");

        a.ask(ANSWER, "partition on");
        b.ask(ANSWER, "partition on");
        a.awaitMembers(STARTUP, "a");
        b.awaitMembers(STARTUP, "b");

        a.ask(ANSWER, "put onA 1000 0 a");
        b.ask(ANSWER, "put onB 1000 0 b");
        b.ask(ANSWER, "put aWins 500 0 from-b");
        assertThat(a.ask(ANSWER, "remove doomed 200")).isEqualTo("200");
        a.ask(ANSWER, "put bWins 500 0 from-a");
        Thread.sleep(20); // the later writes must carry later timestamps than the earlier ones on the other side
        a.ask(ANSWER, "put aWins 500 0 from-a");
        b.ask(ANSWER, "put bWins 500 0 from-b");
        assertThat(a.ask(ANSWER, "count onB 1000")).as("really partitioned").isEqualTo("0");

        a.ask(ANSWER, "partition off");
        b.ask(ANSWER, "partition off");
        a.awaitMembers(STARTUP, "a", "b");
        b.awaitMembers(STARTUP, "a", "b");
        for (MemberProcess member : List.of(a, b)) {
            awaitAnswer(member, "check onA 1000 a", "1000");
            awaitAnswer(member, "check onB 1000 b", "1000");
            awaitAnswer(member, "check aWins 500 from-a", "500");
            awaitAnswer(member, "check bWins 500 from-b", "500");
            awaitAnswer(member, "count doomed 200", "0");
            System.out.println("MEASURED after the merge " + member.name() + ": " + member.ask(ANSWER, "stats"));
        }
    }

    private static void awaitAnswer(MemberProcess member, String request, String expected) {
        await(member.name() + ": " + request + " -> " + expected).atMost(REPLICATED)
                .until(() -> member.ask(ANSWER, request).equals(expected));
    }

    private MemberProcess start(String name, int portIndex) throws IOException {
        MemberProcess process = MemberProcess.start(ReplicationMemberMain.class,
                List.of("-Xmx160m", "-XX:TieredStopAtLevel=1"), name,
                ports.get(portIndex), ports, secret, "profile=safe");
        processes.add(process);
        return process;
    }

    /** A free loopback port p in this test's range with p + 100 (FD_SOCK2) free too. */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = PORT_BASE + RANDOM.nextInt(PORT_SPAN);
            try (ServerSocket transport = new ServerSocket(port, 1, loopback);
                 ServerSocket failureDetection = new ServerSocket(port + 100, 1, loopback)) {
                return port;
            } catch (IOException taken) {
                System.out.println("port " + port + " or " + (port + 100) + " taken, trying another: " + taken);
            }
        }
        throw new IOException("no free pair of loopback ports (p, p+100) in " + PORT_BASE + "-"
                + (PORT_BASE + PORT_SPAN + 100) + " after 200 attempts");
    }
}
