package dev.ballast.cluster.vip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes: stand-in scripts that log their arguments and exit as a test tells them to. */
class ScriptVipBackendTest {

    @TempDir
    Path dir;
    private Path log;

    @BeforeEach
    void writeScripts() throws IOException {
        log = dir.resolve("calls.log");
        for (String name : List.of("vip-up", "vip-down", "vip-status", "vip-handover")) {
            // Each script appends "NAME ARGS" to the log and exits with the code in NAME.exit (default 0).
            script(name, "echo \"" + name + " $*\" >> '" + log + "'\n"
                    + "code=0; [ -f '" + dir + "/" + name + ".exit' ] && code=$(cat '" + dir + "/" + name + ".exit')\n"
                    + "[ \"$code\" = 0 ] || echo \"" + name + " failed on purpose\"\n"
                    + "exit \"$code\"\n");
        }
    }

    @Test
    void passesVipAndInterfaceToTheScripts() throws Exception {
        ScriptVipBackend backend = new ScriptVipBackend(dir, "eth7", Duration.ofSeconds(10));
        backend.acquire("10.0.0.100/24");
        backend.release("10.0.0.100/24");
        assertThat(Files.readAllLines(log)).containsExactly("vip-up 10.0.0.100/24 eth7", "vip-down 10.0.0.100/24 eth7");
    }

    @Test
    void failureCarriesScriptExitCodeAndOutput() throws Exception {
        Files.writeString(dir.resolve("vip-up.exit"), "4");
        ScriptVipBackend backend = new ScriptVipBackend(dir, "eth7", Duration.ofSeconds(10));
        assertThatThrownBy(() -> backend.acquire("10.0.0.100/24"))
                .isInstanceOf(VipException.class)
                .hasMessageContaining("vip-up 10.0.0.100/24 eth7 exited with 4: vip-up failed on purpose");
    }

    @Test
    void reassertRestoresAVanishedVipAndReannouncesAHeldOne() throws Exception {
        ScriptVipBackend backend = new ScriptVipBackend(dir, "eth7", Duration.ofSeconds(10));
        backend.reassert("v/24");
        Files.writeString(dir.resolve("vip-status.exit"), "1");
        backend.reassert("v/24");
        assertThat(Files.readAllLines(log)).containsExactly(
                "vip-status v/24 eth7", "vip-up v/24 eth7", "vip-status v/24 eth7", "vip-up v/24 eth7");
        Files.writeString(dir.resolve("vip-status.exit"), "3");
        assertThatThrownBy(() -> backend.reassert("v/24")).hasMessageContaining("exited with 3");
    }

    @Test
    void aHandoverSetsTheForwardingUpBeforeTheVipIsAnnouncedAndEndsIt() throws Exception {
        ScriptVipBackend backend = new ScriptVipBackend(dir, "eth7", Duration.ofSeconds(10));
        backend.acquireFrom("10.0.0.100/24", InetAddress.getByName("10.0.0.11"));
        backend.endHandover("10.0.0.100/24");
        assertThat(Files.readAllLines(log)).containsExactly("vip-handover begin 10.0.0.100/24 eth7 10.0.0.11",
                "vip-up 10.0.0.100/24 eth7", "vip-handover end 10.0.0.100/24 eth7");
    }

    @Test
    void theVipIsTakenOverEvenWhenTheForwardingCannotBeSetUp() throws Exception {
        Files.writeString(dir.resolve("vip-handover.exit"), "6");
        ScriptVipBackend backend = new ScriptVipBackend(dir, "eth7", Duration.ofSeconds(10));
        backend.acquireFrom("10.0.0.100/24", InetAddress.getByName("10.0.0.11"));
        assertThat(Files.readAllLines(log)).containsExactly("vip-handover begin 10.0.0.100/24 eth7 10.0.0.11",
                "vip-up 10.0.0.100/24 eth7");
        assertThatThrownBy(() -> backend.endHandover("10.0.0.100/24")).isInstanceOf(VipException.class)
                .hasMessageContaining("vip-handover end 10.0.0.100/24 eth7 exited with 6");
    }

    @Test
    void hangingScriptIsKilledAtTheTimeout() throws Exception {
        script("vip-down", "exec sleep 30\n");
        ScriptVipBackend backend = new ScriptVipBackend(dir, "eth7", Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> backend.release("v/24")).hasMessageContaining("did not finish within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingScriptIsReportedAtConstruction() throws Exception {
        Files.delete(dir.resolve("vip-status"));
        assertThatThrownBy(() -> new ScriptVipBackend(dir, "eth7", Duration.ofSeconds(1)))
                .hasMessageContaining("vip-status is missing or not executable");
    }

    private void script(String name, String body) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }
}
