package dev.ballast.cli.command;

import dev.ballast.cli.Environment;
import dev.ballast.cli.ExitCodes;
import dev.ballast.cli.testing.Ctl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ballastctl config check} runs {@code $BALLAST_HOME/bin/ballast check-config FILE} and relays its output and
 * verdict. Here bin/ballast is a small script that reports how it was called; CheckConfigIT in node/ covers the
 * real checker and BallastCtlIT runs both together.
 */
class ConfigCheckCommandTest {

    @TempDir
    Path home;

    private Environment distributionAt(Path ballastHome) {
        return new Environment(Map.of(), home, Optional.of(ballastHome));
    }

    private Path distributionWhoseCheckerExits(int status) throws Exception {
        Path bin = Files.createDirectories(home.resolve("dist/bin"));
        Path ballast = Files.writeString(bin.resolve("ballast"), "#!/bin/sh\n"
                + "echo \"called with: $*\"\n"
                + "echo \"a line on stderr\" >&2\n"
                + "exit " + status + "\n");
        Files.setPosixFilePermissions(ballast, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home.resolve("dist");
    }

    @Test
    void aValidFileExitsZeroWithTheCheckersOutput() throws Exception {
        Ctl.Result result = Ctl.run(distributionAt(distributionWhoseCheckerExits(0)), "config", "check", "my.yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("called with: check-config my.yaml\n");
        assertThat(result.err()).isEqualTo("a line on stderr\n");
    }

    @Test
    void anInvalidFileExitsOne() throws Exception {
        Ctl.Result result = Ctl.run(distributionAt(distributionWhoseCheckerExits(1)), "config", "check", "bad.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
    }

    @Test
    void aCheckerThatFailsOtherwiseIsAFailedCheckToo() throws Exception {
        Ctl.Result result = Ctl.run(distributionAt(distributionWhoseCheckerExits(127)), "config", "check", "x.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
    }

    @Test
    void withoutADistributionItIsAUsageErrorThatSaysWhatToSet() {
        Ctl.Result unset = Ctl.run(home, Map.of(), "config", "check", "x.yaml");
        Ctl.Result empty = Ctl.run(distributionAt(home), "config", "check", "x.yaml");

        assertThat(unset.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unset.err()).isEqualTo("config check runs the node's checker, but BALLAST_HOME is not set: point it "
                + "at a Ballast installation (bin/ballastctl sets it)\n");
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).isEqualTo("config check runs the node's checker, but " + home.resolve("bin/ballast")
                + " is not an executable file: point BALLAST_HOME at a Ballast installation\n");
    }
}
