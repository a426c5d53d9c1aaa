package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code bin/ballast check-config} launcher as an operator would. */
class CheckConfigIT {

    private static final Path HOME = Path.of(System.getProperty("ballast.home", "..")).toAbsolutePath().normalize();
    private static final Path FIXTURES = HOME.resolve("node/src/test/resources/config/broken");

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result checkConfig(Path file, Path workDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/ballast").toString(), "check-config",
                file.toString()));
        Path stdout = workDir.resolve("stdout");
        Path stderr = workDir.resolve("stderr");
        Process process = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("check-config finished").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoConfigurationIsValid(@TempDir Path work) throws Exception {
        Path demo = HOME.resolve("config/demo.yaml");

        Result result = checkConfig(demo, work);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo(demo + ": configuration is valid\n");
    }

    @Test
    void aBrokenConfigurationExitsOneWithEveryError(@TempDir Path work) throws Exception {
        Path broken = FIXTURES.resolve("18-unknown-backend-references.yaml");
        List<String> expected = Files.readAllLines(FIXTURES.resolve("18-unknown-backend-references.expected"));

        Result result = checkConfig(broken, work);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        List<String> lines = result.stderr().lines().toList();
        assertThat(lines).containsSubsequence(expected)
                .endsWith(broken + ": configuration is invalid (" + expected.size() + " errors)");
    }

    @Test
    void aMissingFileExitsOne(@TempDir Path work) throws Exception {
        Path missing = work.resolve("missing.yaml");

        Result result = checkConfig(missing, work);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains(missing + ": cannot read the configuration: no such file");
    }
}
