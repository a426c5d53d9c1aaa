package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.http.AdminClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ballastctl drain|ready|maint BACKEND/SERVER}: one class, registered once per admin state. */
@Command(mixinStandardHelpOptions = true)
public final class ServerStateCommand extends ServerChangeCommand {

    /** The admin states, named as on the command line and in the API. */
    public enum State {
        drain("Drain a server: no new clients, sticky clients and in-flight requests continue."),
        ready("Put a server back in rotation (after drain or maint)."),
        maint("Take a server out entirely for maintenance: no traffic, no health checks.");

        private final String description;

        State(String description) {
            this.description = description;
        }
    }

    private final State state;

    private ServerStateCommand(CtlContext ctl, State state) {
        super(ctl);
        this.state = state;
    }

    public static CommandLine commandLine(CtlContext ctl, State state) {
        CommandLine command = new CommandLine(new ServerStateCommand(ctl, state));
        command.getCommandSpec().usageMessage().description(state.description, "--json prints the Server reply.");
        return command;
    }

    @Override
    JsonNode change(AdminClient client) {
        return client.setServerState(server.backend(), server.server(), state.name());
    }
}
