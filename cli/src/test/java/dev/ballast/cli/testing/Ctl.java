package dev.ballast.cli.testing;

import dev.ballast.cli.BallastCtl;
import dev.ballast.cli.Environment;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Runs ballastctl in this JVM with a given environment and captures its exit status, stdout and stderr. */
public final class Ctl {

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private Ctl() {
    }

    /** Runs with only the given variables set and a home with no settings file. */
    public static Result run(Path home, Map<String, String> variables, String... args) {
        return run(new Environment(variables, home, Optional.empty()), args);
    }

    public static Result run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BallastCtl.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
