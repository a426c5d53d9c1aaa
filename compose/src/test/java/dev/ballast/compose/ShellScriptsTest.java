package dev.ballast.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository's shell scripts pass shellcheck: the VIP scripts the node runs (the image ships them too), the
 * compose scripts, and what users and CI run (shellcheck is installed by .ci/run; skipped where it is missing).
 */
class ShellScriptsTest {

    private static final Path HOME = Path.of(System.getProperty("ballast.home", "..")).toAbsolutePath().normalize();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vip-scripts/vip-up", "vip-scripts/vip-down", "vip-scripts/vip-status",
            "vip-scripts/vip-handover", "vip-scripts/vip-common.sh", "compose/ensure-docker", "compose/base-image/build",
            "compose/image/net-admin", "compose/failover-demo", "bench/compose-failover", ".ci/run"})
    void passesShellcheck(String script) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x", HOME.resolve(script).toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("shellcheck is not installed (.ci/run installs it): " + e.getMessage());
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
        assertThat(process.exitValue()).as("shellcheck %s:%n%s", script, output).isZero();
    }
}
