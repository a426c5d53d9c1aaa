package dev.ballast.node;

import dev.ballast.node.config.CheckConfigCommand;
import dev.ballast.node.config.ConfigReferenceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ballast} command: runs a node, checks a configuration, runs the demo. */
@Command(name = "ballast", mixinStandardHelpOptions = true, version = "ballast 0.1.0",
        description = "A highly available load-balancer node.",
        subcommands = {CheckConfigCommand.class, ConfigReferenceCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
