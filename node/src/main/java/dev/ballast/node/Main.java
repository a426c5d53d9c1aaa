package dev.ballast.node;

import dev.ballast.node.config.CheckConfigCommand;
import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.config.ConfigReferenceCommand;
import dev.ballast.node.demo.DemoBackendCommand;
import dev.ballast.node.demo.DemoCommand;
import dev.ballast.node.proxy.http.RuleRouteSelector;
import dev.ballast.node.runtime.NodeWiring;
import dev.ballast.node.runtime.RunCommand;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ballast} command: runs a node, checks a configuration, runs the demo. */
@Command(name = "ballast", mixinStandardHelpOptions = true, version = "ballast 0.1.0",
        description = "A highly available load-balancer node.",
        subcommands = {CheckConfigCommand.class, ConfigReferenceCommand.class, DemoCommand.class,
                DemoBackendCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new RunCommand(ConfigLoader::load, NodeWiring.BALANCERS, RuleRouteSelector::forFrontend));
        int exitCode = cli.execute(args);
        LogManager.shutdown(); // flushes the asynchronous loggers; log4j2.xml turns Log4j's own shutdown hook off
        System.exit(exitCode);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
