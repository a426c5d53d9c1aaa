package dev.ballast.cli.render;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.ballast.cli.render.Formats.text;

/** {@code ballastctl sessions}: counts per backend, or where one sticky key goes. */
public final class SessionsView {

    private SessionsView() {
    }

    /** @param counts the {@code {"backends":[{"name":..,"sessions":..}]}} reply */
    public static String counts(JsonNode counts) {
        Table table = new Table(Table.Column.left("BACKEND"), Table.Column.right("SESSIONS"));
        counts.path("backends").forEach(backend -> table.row(text(backend.path("name")),
                text(backend.path("sessions"))));
        return table.isEmpty() ? "no backends configured\n" : table.render();
    }

    /** @param session the {@code {"backend":..,"key":..,"server":..,"expiresInMs":..}} reply; null ms: no expiry */
    public static String lookup(JsonNode session) {
        JsonNode expiresIn = session.path("expiresInMs");
        return text(session.path("backend")) + ": key " + text(session.path("key")) + " -> server "
                + text(session.path("server")) + (expiresIn.isNumber()
                ? " (expires in " + Formats.millis(expiresIn.asLong()) + ")" : " (never expires)") + "\n";
    }
}
