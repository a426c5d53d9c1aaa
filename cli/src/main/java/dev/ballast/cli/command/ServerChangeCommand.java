package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.ServerRef;
import dev.ballast.cli.http.AdminClient;
import dev.ballast.cli.render.ServerLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command that changes one server, named by its first parameter {@code BACKEND/SERVER}, through the admin API and
 * prints the Server reply: as one line, or as it came with --json. Subclasses say what the change is.
 */
abstract class ServerChangeCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Parameters(index = "0", paramLabel = "BACKEND/SERVER", description = "The server, e.g. web/web1.")
    ServerRef server;

    @Spec
    CommandSpec spec;

    ServerChangeCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    /** Sends the change of {@link #server} with {@code client}; returns the Server reply. */
    abstract JsonNode change(AdminClient client);

    @Override
    public final Integer call() {
        JsonNode reply = change(ctl.client());
        ctl.print(spec.commandLine().getOut(), reply, () -> ServerLine.render(server.backend(), reply));
        return 0;
    }
}
