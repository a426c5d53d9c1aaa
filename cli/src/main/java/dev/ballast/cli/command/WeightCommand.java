package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.http.AdminClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ballastctl weight BACKEND/SERVER N}: changes a server's weight at run time. */
@Command(name = "weight", mixinStandardHelpOptions = true,
        description = {"Set a server's weight (0..256; 0 takes it out of balancing, sticky clients stay).",
                "--json prints the Server reply."})
public final class WeightCommand extends ServerChangeCommand {

    static final int MAX_WEIGHT = 256;

    @Parameters(index = "1", paramLabel = "N", description = "The new weight, 0..256.")
    int weight;

    public WeightCommand(CtlContext ctl) {
        super(ctl);
    }

    @Override
    JsonNode change(AdminClient client) {
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "N: " + weight + " is not between 0 and " + MAX_WEIGHT);
        }
        return client.setServerWeight(server.backend(), server.server(), weight);
    }
}
