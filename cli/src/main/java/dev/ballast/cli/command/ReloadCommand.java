package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.render.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ballastctl reload}: the node re-reads its configuration file. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Reload the node's configuration file. An invalid file is refused whole (exit 1, every error "
                + "on stderr) and the running configuration keeps serving.",
                "--json prints the reload reply."})
public final class ReloadCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Spec
    CommandSpec spec;

    public ReloadCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        JsonNode reply = ctl.client().reload();
        ctl.print(spec.commandLine().getOut(), reply,
                () -> "configuration reloaded (sha256 " + Formats.text(reply.path("configSha256")) + ")\n");
        return 0;
    }
}
