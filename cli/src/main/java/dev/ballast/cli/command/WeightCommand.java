package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.ServerRef;
import dev.ballast.cli.render.ServerLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ballastctl weight BACKEND/SERVER N}: changes a server's weight at run time. */
@Command(name = "weight", mixinStandardHelpOptions = true,
        description = {"Set a server's weight (0..256; 0 takes it out of balancing, sticky clients stay).",
                "--json prints the Server reply."})
public final class WeightCommand implements Callable<Integer> {

    static final int MAX_WEIGHT = 256;

    private final CtlContext ctl;

    @Parameters(index = "0", paramLabel = "BACKEND/SERVER", description = "The server, e.g. web/web1.")
    ServerRef server;

    @Parameters(index = "1", paramLabel = "N", description = "The new weight, 0..256.")
    int weight;

    @Spec
    CommandSpec spec;

    public WeightCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "N: " + weight + " is not between 0 and " + MAX_WEIGHT);
        }
        JsonNode reply = ctl.client().setServerWeight(server.backend(), server.server(), weight);
        ctl.print(spec.commandLine().getOut(), reply, () -> ServerLine.render(server.backend(), reply));
        return 0;
    }
}
