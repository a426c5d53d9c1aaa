package dev.ballast.cli.render;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.ballast.cli.render.Formats.text;

/** The one line a server action prints: the Server reply's state after the change. */
public final class ServerLine {

    private ServerLine() {
    }

    public static String render(String backend, JsonNode server) {
        return backend + "/" + text(server.path("name")) + ": admin " + text(server.path("adminState"))
                + ", health " + ServersView.health(server.path("health")) + ", weight " + text(server.path("weight"))
                + " (effective " + text(server.path("effectiveWeight")) + ")\n";
    }
}
