package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.render.SessionsView;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ballastctl sessions [--backend B] [--key K]}: sticky-session counts, or where one key goes. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {"Sticky sessions per backend; with --backend and --key, the server that key is bound to "
                + "(exit 1 when it is bound to none).",
                "--json prints the sessions reply."})
public final class SessionsCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Option(names = "--backend", paramLabel = "B", description = "Only this backend.")
    String backend;

    @Option(names = "--key", paramLabel = "K", description = "Look up one sticky key (needs --backend): the cookie "
            + "value or the client address.")
    String key;

    @Spec
    CommandSpec spec;

    public SessionsCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        if (key != null) {
            if (backend == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--key needs --backend");
            }
            JsonNode session = ctl.client().session(backend, key);
            ctl.print(spec.commandLine().getOut(), session, () -> SessionsView.lookup(session));
        } else {
            JsonNode counts = ctl.client().sessionCounts(Optional.ofNullable(backend));
            ctl.print(spec.commandLine().getOut(), counts, () -> SessionsView.counts(counts));
        }
        return 0;
    }
}
