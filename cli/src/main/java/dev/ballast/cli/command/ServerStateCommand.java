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

/** {@code ballastctl drain|ready|maint BACKEND/SERVER}: one class, registered once per admin state. */
@Command(mixinStandardHelpOptions = true)
public final class ServerStateCommand implements Callable<Integer> {

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

    private final CtlContext ctl;
    private final State state;

    @Parameters(index = "0", paramLabel = "BACKEND/SERVER", description = "The server, e.g. web/web1.")
    ServerRef server;

    @Spec
    CommandSpec spec;

    private ServerStateCommand(CtlContext ctl, State state) {
        this.ctl = ctl;
        this.state = state;
    }

    public static CommandLine commandLine(CtlContext ctl, State state) {
        CommandLine command = new CommandLine(new ServerStateCommand(ctl, state));
        command.getCommandSpec().usageMessage().description(state.description, "--json prints the Server reply.");
        return command;
    }

    @Override
    public Integer call() {
        JsonNode reply = ctl.client().setServerState(server.backend(), server.server(), state.name());
        ctl.print(spec.commandLine().getOut(), reply, () -> ServerLine.render(server.backend(), reply));
        return 0;
    }
}
