package dev.ballast.cli.render;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.ballast.cli.render.Formats.number;
import static dev.ballast.cli.render.Formats.text;

/** {@code ballastctl servers BACKEND}: one row per server of a Backend reply. */
public final class ServersView {

    private ServersView() {
    }

    public static String render(JsonNode backend) {
        Table table = new Table(Table.Column.left("SERVER"), Table.Column.left("ADDRESS"), Table.Column.left("ADMIN"),
                Table.Column.left("HEALTH"), Table.Column.right("WEIGHT"), Table.Column.right("EFF"),
                Table.Column.right("ACTIVE"), Table.Column.right("QUEUED"), Table.Column.right("REQ/S"),
                Table.Column.right("4XX"), Table.Column.right("5XX"), Table.Column.right("ERR C/T/O"),
                Table.Column.right("P50"), Table.Column.right("P95"), Table.Column.right("P99"),
                Table.Column.left("LAST CHECK"));
        for (JsonNode server : backend.path("servers")) {
            JsonNode latency = server.path("latencyMs");
            table.row(text(server.path("name")) + (server.path("backup").asBoolean() ? " (backup)" : ""),
                    text(server.path("address")), text(server.path("adminState")), health(server.path("health")),
                    text(server.path("weight")), text(server.path("effectiveWeight")),
                    text(server.path("activeRequests")), text(server.path("queued")),
                    number(server.path("requestsPerSecond")), text(server.path("responses").path("4xx")),
                    text(server.path("responses").path("5xx")),
                    errors(server.path("errors")),
                    millis(latency.path("p50")), millis(latency.path("p95")), millis(latency.path("p99")),
                    lastCheck(server.path("health").path("lastCheck")));
        }
        return "backend " + text(backend.path("name")) + " (" + text(backend.path("balance")) + "): "
                + BackendsView.usable(backend) + " servers usable\n" + table.render();
    }

    /** The health state, marked when an operator forced it. */
    static String health(JsonNode health) {
        JsonNode forced = health.path("forced");
        return text(health.path("state")) + (forced.isTextual() ? " (forced)" : "");
    }

    /** connect/timeout/other, or {@link Formats#NONE} when the node collects no traffic numbers. */
    private static String errors(JsonNode errors) {
        if (!errors.isObject()) {
            return Formats.NONE;
        }
        return text(errors.path("connect")) + "/" + text(errors.path("timeout")) + "/" + text(errors.path("other"));
    }

    private static String millis(JsonNode value) {
        return value.isNumber() ? number(value) + "ms" : text(value);
    }

    private static String lastCheck(JsonNode check) {
        if (!check.isObject()) {
            return Formats.NONE;
        }
        return (check.path("ok").asBoolean() ? "ok" : "failed") + " " + text(check.path("message")) + " in "
                + millis(check.path("durationMs"));
    }
}
