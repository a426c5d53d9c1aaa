package dev.ballast.cluster.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set-up of the ITs that run members a and b as separate JVMs on loopback: a shared secret file, a free port each
 * (each the other's peer), the {@code safe} profile (on a loaded CI machine {@code fast} heartbeats can be late
 * enough for a false suspicion), and every member a test started closed after it.
 */
abstract class MemberPairFixture {

    static final String SAFE = "profile=safe";
    /** Logged by a member whose crash probe excluded a suspect without waiting out the verification. */
    static final String CRASH_PROBE_EXCLUSION = "is gone: its host refused connections";

    @TempDir
    Path dir;

    final List<MemberProcess> processes = new ArrayList<>();
    Path secret;
    int portA;
    int portB;

    @BeforeEach
    void setUpPair() throws IOException {
        secret = writeSecret("secret", "correct horse battery staple, shared by all members");
        portA = MemberProcess.freePort();
        portB = MemberProcess.freePort();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (MemberProcess process : processes) {
            process.close();
        }
    }

    /** Starts a member of the pair with the safe profile and {@code extra} options; closed after the test. */
    MemberProcess start(String name, int port, String... extra) throws IOException {
        List<String> options = new ArrayList<>(List.of(extra));
        options.add(SAFE);
        MemberProcess process = MemberProcess.start(name, port, List.of(portA, portB), secret,
                options.toArray(String[]::new));
        processes.add(process);
        return process;
    }

    Path writeSecret(String file, String content) throws IOException {
        Path path = dir.resolve(file);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }
}
