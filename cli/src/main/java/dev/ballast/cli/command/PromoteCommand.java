package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.render.MembersView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ballastctl promote NODE}: asks the cluster to hand the primary role to a node. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Hand the primary role (and its VIPs) to NODE. Any node accepts this; the handover is "
                + "requested through the cluster, so the reply may still show the old primary.",
                "--json prints the Cluster reply."})
public final class PromoteCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Parameters(index = "0", paramLabel = "NODE", description = "The member to promote.")
    String node;

    @Spec
    CommandSpec spec;

    public PromoteCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        JsonNode cluster = ctl.client().promote(node);
        ctl.print(spec.commandLine().getOut(), cluster,
                () -> "promotion of " + node + " requested\n" + MembersView.render(cluster));
        return 0;
    }
}
