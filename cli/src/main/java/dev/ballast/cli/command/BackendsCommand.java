package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.render.BackendsView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code ballastctl backends [NAME]}: backends with their usable/total servers. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = {"Every backend (or the one named): balance algorithm, usable/total servers, sessions.",
                "--json prints the backends list reply, or the Backend reply when NAME is given."})
public final class BackendsCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this backend.")
    String name;

    @Spec
    CommandSpec spec;

    public BackendsCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        if (name == null) {
            JsonNode backends = ctl.client().backends();
            ctl.print(spec.commandLine().getOut(), backends, () -> BackendsView.render(backends.path("backends")));
        } else {
            JsonNode backend = ctl.client().backend(name);
            ctl.print(spec.commandLine().getOut(), backend, () -> BackendsView.render(List.of(backend)));
        }
        return 0;
    }
}
