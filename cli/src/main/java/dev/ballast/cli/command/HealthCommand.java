package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.http.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ballastctl health BACKEND/SERVER up|down|none}: forces a server's health, or lifts the force. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Force a server's health up or down whatever its checks say; none lets the checks decide again.",
                "--json prints the Server reply."})
public final class HealthCommand extends ServerChangeCommand {

    /** The values of the API's {@code force} field. */
    public enum Force { up, down, none }

    @Parameters(index = "1", paramLabel = "up|down|none", description = "Forced health: ${COMPLETION-CANDIDATES}.")
    Force force;

    public HealthCommand(CtlContext ctl) {
        super(ctl);
    }

    @Override
    JsonNode change(AdminClient client) {
        return client.forceServerHealth(server.backend(), server.server(), force.name());
    }
}
