package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.render.MembersView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ballastctl members}: the cluster's members. */
@Command(name = "members", mixinStandardHelpOptions = true,
        description = {"The cluster's members: address, role, whether each may become primary, the VIPs it holds.",
                "--json prints the Cluster reply."})
public final class MembersCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Spec
    CommandSpec spec;

    public MembersCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        JsonNode cluster = ctl.client().cluster();
        ctl.print(spec.commandLine().getOut(), cluster, () -> MembersView.render(cluster));
        return 0;
    }
}
