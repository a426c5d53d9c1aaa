package dev.ballast.cli.command;

import dev.ballast.cli.CtlContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ballastctl config ...}: configuration files; {@code check} is its only subcommand so far. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with configuration files.")
public final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public static CommandLine commandLine(CtlContext ctl) {
        return new CommandLine(new ConfigCommand()).addSubcommand(new ConfigCheckCommand(ctl));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check");
    }
}
