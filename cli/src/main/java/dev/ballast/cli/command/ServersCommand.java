package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.render.ServersView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ballastctl servers BACKEND}: the servers of one backend with their state and traffic. */
@Command(name = "servers", mixinStandardHelpOptions = true,
        description = {"The servers of a backend: admin state, health (and its last check), weights, active and "
                + "queued requests, requests/s, 4xx/5xx, connect/timeout/other errors, p50/p95/p99 latency.",
                "--json prints the Backend reply."})
public final class ServersCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Parameters(index = "0", paramLabel = "BACKEND", description = "The backend.")
    String backend;

    @Spec
    CommandSpec spec;

    public ServersCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        JsonNode reply = ctl.client().backend(backend);
        ctl.print(spec.commandLine().getOut(), reply, () -> ServersView.render(reply));
        return 0;
    }
}
