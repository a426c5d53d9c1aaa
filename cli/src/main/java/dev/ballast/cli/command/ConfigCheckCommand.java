package dev.ballast.cli.command;

import dev.ballast.cli.CtlContext;
import dev.ballast.cli.CtlFailure;
import dev.ballast.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * {@code ballastctl config check FILE}: runs the node's own validator, {@code $BALLAST_HOME/bin/ballast
 * check-config FILE}, on this machine. ballastctl does not contain the configuration schema (it depends on no
 * other module), and the admin API has no validate-only endpoint, so the node's distribution does the checking.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate a configuration file locally with the node's own checker, "
                + "$BALLAST_HOME/bin/ballast check-config FILE (bin/ballastctl sets BALLAST_HOME to its checkout).",
                "Exit 0 when valid, 1 with every error when not, 2 when there is no node distribution to check with."})
public final class ConfigCheckCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
    Path file;

    @Spec
    CommandSpec spec;

    ConfigCheckCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path home = ctl.environment().ballastHome().orElseThrow(() -> new CtlFailure(ExitCodes.USAGE,
                "config check runs the node's checker, but BALLAST_HOME is not set: point it at a Ballast "
                        + "installation (bin/ballastctl sets it)"));
        Path ballast = home.resolve("bin").resolve("ballast");
        if (!Files.isExecutable(ballast)) {
            throw new CtlFailure(ExitCodes.USAGE, "config check runs the node's checker, but " + ballast
                    + " is not an executable file: point BALLAST_HOME at a Ballast installation");
        }
        Process checker = new ProcessBuilder(ballast.toString(), "check-config", file.toString()).start();
        checker.getOutputStream().close();
        CompletableFuture<Void> stdout = CompletableFuture.runAsync(
                () -> copy(checker.getInputStream(), spec.commandLine().getOut()));
        copy(checker.getErrorStream(), spec.commandLine().getErr());
        int exit = checker.waitFor();
        try {
            stdout.join();
        } catch (CompletionException e) {
            throw new IOException("cannot read the output of " + ballast, e.getCause());
        }
        // check-config says 0 valid, 1 invalid; anything else (a crash, a failed build) is a failed check too.
        return exit == 0 ? ExitCodes.OK : ExitCodes.ACTION_FAILED;
    }

    private static void copy(InputStream from, PrintWriter to) {
        try (InputStreamReader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
            reader.transferTo(to);
            to.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
