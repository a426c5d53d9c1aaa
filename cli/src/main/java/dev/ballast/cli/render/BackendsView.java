package dev.ballast.cli.render;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.ballast.cli.render.Formats.text;

/** {@code ballastctl backends}: one row per Backend, with its usable and total servers. */
public final class BackendsView {

    private BackendsView() {
    }

    /** @param backends the Backend objects, e.g. the {@code backends} array of the list reply */
    public static String render(Iterable<JsonNode> backends) {
        Table table = new Table(Table.Column.left("BACKEND"), Table.Column.left("BALANCE"),
                Table.Column.right("USABLE/TOTAL"), Table.Column.right("SESSIONS"));
        backends.forEach(backend -> table.row(text(backend.path("name")), text(backend.path("balance")),
                usable(backend), text(backend.path("sessions"))));
        return table.isEmpty() ? "no backends configured\n" : table.render();
    }

    /** "usable/total", e.g. 2/3. */
    static String usable(JsonNode backend) {
        return text(backend.path("usableServers")) + "/" + backend.path("servers").size();
    }
}
