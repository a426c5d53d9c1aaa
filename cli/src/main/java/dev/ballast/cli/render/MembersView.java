package dev.ballast.cli.render;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.ballast.cli.render.Formats.list;
import static dev.ballast.cli.render.Formats.text;
import static dev.ballast.cli.render.Formats.yesNo;

/** {@code ballastctl members}: the Cluster reply's members, their roles and the VIPs each holds. */
public final class MembersView {

    private MembersView() {
    }

    public static String render(JsonNode cluster) {
        if (!cluster.path("enabled").asBoolean()) {
            return "clustering is disabled: " + text(cluster.path("self")) + " runs standalone\n";
        }
        Table table = new Table(Table.Column.left("MEMBER"), Table.Column.left("ADDRESS"), Table.Column.left("ROLE"),
                Table.Column.left("ELIGIBLE"), Table.Column.left("VIPS"));
        for (JsonNode member : cluster.path("members")) {
            table.row(text(member.path("name")) + (member.path("self").asBoolean() ? " (self)" : ""),
                    text(member.path("address")), text(member.path("role")), yesNo(member.path("eligible")),
                    list(member.path("vips")));
        }
        return table.render();
    }
}
