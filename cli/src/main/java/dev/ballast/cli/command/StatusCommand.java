package dev.ballast.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.cli.CtlContext;
import dev.ballast.cli.http.AdminClient;
import dev.ballast.cli.render.StatusView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ballastctl status}: node, cluster and backends at a glance. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The node (name, role, version, uptime, configuration), the cluster (members, roles, VIP "
                + "owners, quorum, last failover) and the backends with their usable/total servers.",
                "--json prints {\"node\": Node, \"cluster\": Cluster, \"backends\": [Backend, ...]}."})
public final class StatusCommand implements Callable<Integer> {

    private final CtlContext ctl;

    @Spec
    CommandSpec spec;

    public StatusCommand(CtlContext ctl) {
        this.ctl = ctl;
    }

    @Override
    public Integer call() {
        AdminClient client = ctl.client();
        JsonNode node = client.node();
        JsonNode cluster = client.cluster();
        JsonNode backends = client.backends();
        ObjectNode combined = JsonNodeFactory.instance.objectNode();
        combined.set("node", node);
        combined.set("cluster", cluster);
        combined.set("backends", backends.path("backends"));
        ctl.print(spec.commandLine().getOut(), combined, () -> StatusView.render(node, cluster, backends));
        return 0;
    }
}
