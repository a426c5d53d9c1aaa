package dev.ballast.node;

import dev.ballast.node.proxy.http.RouteSelector;
import dev.ballast.node.runtime.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ballast} command: runs a node, checks a configuration, runs the demo. */
@Command(name = "ballast", mixinStandardHelpOptions = true, version = "ballast 0.1.0",
        description = "A highly available load-balancer node.")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        // Wiring point: the YAML loader (ConfigLoader::load) and the balancing algorithms are plugged in here.
        cli.addSubcommand(new RunCommand(
                file -> {
                    throw new UnsupportedOperationException("this build has no configuration loader yet");
                },
                (backend, servers) -> {
                    throw new UnsupportedOperationException("this build has no balancing algorithms yet");
                },
                RouteSelector::defaultBackendOf));
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
