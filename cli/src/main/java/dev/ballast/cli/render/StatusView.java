package dev.ballast.cli.render;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static dev.ballast.cli.render.Formats.text;

/** {@code ballastctl status}: the node, the cluster (quorum, VIP owners, last failover), members and backends. */
public final class StatusView {

    private static final int SHORT_HASH = 12;

    private StatusView() {
    }

    /**
     * @param node     the Node reply
     * @param cluster  the Cluster reply
     * @param backends the backends list reply
     */
    public static String render(JsonNode node, JsonNode cluster, JsonNode backends) {
        StringBuilder text = new StringBuilder();
        text.append("node:      ").append(text(node.path("name"))).append(" (").append(text(node.path("role")))
                .append("), version ").append(text(node.path("version"))).append(", up ")
                .append(Formats.duration(node.path("uptimeSeconds").asLong())).append(" since ")
                .append(text(node.path("startedAt"))).append('\n');
        text.append("config:    ").append(text(node.path("configFile"))).append(" (sha256 ")
                .append(shortHash(text(node.path("configSha256")))).append(")\n");
        boolean clustered = cluster.path("enabled").asBoolean();
        if (clustered) {
            text.append("cluster:   ").append(text(cluster.path("name"))).append(", ")
                    .append(cluster.path("members").size()).append(" members, ").append(quorum(cluster.path("quorum")))
                    .append('\n');
            text.append("vips:      ").append(vips(cluster.path("vips"))).append('\n');
            text.append("failover:  ").append(failover(cluster.path("lastFailover"))).append('\n');
        } else {
            text.append("cluster:   disabled (standalone node)\n");
        }
        if (clustered) {
            text.append('\n').append(MembersView.render(cluster));
        }
        text.append('\n').append(BackendsView.render(backends.path("backends")));
        return text.toString();
    }

    private static String shortHash(String hash) {
        return hash.length() > SHORT_HASH ? hash.substring(0, SHORT_HASH) : hash;
    }

    private static String quorum(JsonNode quorum) {
        String policy = text(quorum.path("policy"));
        if (policy.equals("none")) {
            return "no quorum policy";
        }
        return (quorum.path("reached").asBoolean() ? "quorum reached" : "QUORUM LOST") + " (" + policy + ")";
    }

    private static String vips(JsonNode vips) {
        List<String> owners = new ArrayList<>();
        for (JsonNode vip : vips) {
            JsonNode owner = vip.path("owner");
            owners.add(text(vip.path("address")) + (owner.isTextual() ? " on " + owner.asText() : " UNOWNED"));
        }
        return owners.isEmpty() ? "none configured" : String.join(", ", owners);
    }

    private static String failover(JsonNode failover) {
        if (!failover.isObject()) {
            return "none since start";
        }
        JsonNode from = failover.path("from");
        return text(failover.path("at")) + " " + (from.isTextual() ? from.asText() : "(none)") + " -> "
                + text(failover.path("to")) + ": " + text(failover.path("reason"));
    }
}
