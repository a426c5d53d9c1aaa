package dev.ballast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ballastctl}: operates a Ballast cluster through any node's admin API. */
@Command(name = "ballastctl", mixinStandardHelpOptions = true, version = "ballastctl 0.1.0",
        description = "Operate a Ballast cluster through a node's admin API.")
public final class BallastCtl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BallastCtl()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
