package dev.ballast.cli.command;

import dev.ballast.cli.testing.Ctl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ballastctl completion} prints a bash script that knows every command and parses as bash. */
class CompletionCommandTest {

    @TempDir
    Path home;

    @Test
    void printsAValidBashScriptWithEveryCommand() throws Exception {
        Ctl.Result result = Ctl.run(home, Map.of(), "completion");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("complete -F _complete_ballastctl", "status", "members", "backends",
                "servers", "drain", "ready", "maint", "weight", "health", "promote", "reload", "sessions", "config",
                "check", "\"up\" \"down\" \"none\"", "--token-file");

        Path script = Files.writeString(home.resolve("ballastctl.bash"), result.out());
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
    }
}
