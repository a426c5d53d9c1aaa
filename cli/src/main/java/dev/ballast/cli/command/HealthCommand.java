package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.ServerRef;
import dev.ballast.cli.render.ServerLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ballastctl health BACKEND/SERVER up|down|none}: forces a server's health, or lifts the force. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Force a server's health up or down whatever its checks say; none lets the checks decide again.",
                "--json prints the Server reply."})
public final class HealthCommand implements Callable<Integer> {

    /** The values of the API's {@code force} field. */
    public enum Force { up, down, none }

    private final CtlContext ctl;

    @Parameters(index = "0", paramLabel = "BACKEND/SERVER", description = "The server, e.g. web/web1.")
    ServerRef server;

    @Parameters(index = "1", paramLabel = "up|down|none", description = "Forced health: ${COMPLETION-CANDIDATES}.")
    Force force;

    @Spec
    CommandSpec spec;

    public HealthCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        JsonNode reply = ctl.client().forceServerHealth(server.backend(), server.server(), force.name());
        ctl.print(spec.commandLine().getOut(), reply, () -> ServerLine.render(server.backend(), reply));
        return 0;
    }
}
