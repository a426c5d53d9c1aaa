package dev.ballast.cluster.vip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vip-scripts are POSIX sh and pass shellcheck (installed by .ci/run; skipped where it is missing). */
class VipScriptsShellcheckTest {

    private static final Path SCRIPTS =
            Path.of(System.getProperty("ballast.home", ".."), "vip-scripts").toAbsolutePath().normalize();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vip-up", "vip-down", "vip-status", "vip-handover", "vip-common.sh"})
    void passesShellcheck(String script) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of("shellcheck", "-x", "--shell=sh", script))
                    .directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("shellcheck is not installed (.ci/run installs it): " + e.getMessage());
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
        assertThat(process.exitValue()).as("shellcheck %s:%n%s", script, output).isZero();
    }
}
