package dev.ballast.node.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the configuration reference (README.md's section between the config-reference markers) from
 * {@link ConfigSchema}, so the documentation cannot drift from what the loader accepts.
 */
public final class ConfigReference {

    public static final String BEGIN_MARKER = "<!-- config-reference:begin -->";
    public static final String END_MARKER = "<!-- config-reference:end -->";

    private static final String INTRODUCTION = """
            Generated from the schema; do not edit by hand: regenerate with `bin/ballast config-reference --update README.md`.
            Run `bin/ballast check-config FILE` to validate a file: it reports every error with its path, e.g.
            `backends[web].servers[s2].weight: 300 is not between 0 and 256`.

            Values: durations are written with a unit (`250ms`, `1.5s`, `1m`, `1h`, `1d`, or combined as `1m30s`; a bare
            `0` is zero); sizes in bytes or with `k`, `m`, `g` (`16k`); addresses as `host:port` or `[ipv6]:port`.
            `frontends`, `backends` and `servers` are lists of maps named by their `name` key. Any value can come from
            the environment or a file: `${env:BALLAST_ADMIN_TOKEN}`, `${file:UTF-8:/run/secrets/token}`.
            Relative file paths start at the configuration file's folder.
            """;

    private ConfigReference() {
    }

    /** The whole reference: an introduction and one table per section. */
    public static String markdown() {
        List<String> parts = new ArrayList<>();
        parts.add(INTRODUCTION.strip());
        for (Field field : ConfigSchema.TOP_LEVEL) {
            renderTables(field, "", parts);
        }
        return String.join("\n\n", parts) + "\n";
    }

    /**
     * README text with the reference between the markers replaced by the current one.
     *
     * @throws IllegalArgumentException when the markers are missing or out of order
     */
    public static String spliceInto(String readme) {
        int begin = readme.indexOf(BEGIN_MARKER);
        int end = readme.indexOf(END_MARKER);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("expected the lines " + BEGIN_MARKER + " and " + END_MARKER);
        }
        return readme.substring(0, begin + BEGIN_MARKER.length()) + "\n" + markdown() + readme.substring(end);
    }

    private static void renderTables(Field field, String parentPath, List<String> parts) {
        String path = parentPath.isEmpty() ? field.key() : parentPath + "." + field.key();
        List<Field> fields;
        if (field instanceof Section section) {
            fields = section.fields();
        } else if (field instanceof ItemList list) {
            path += "[]";
            fields = list.fields();
        } else {
            return;
        }
        StringBuilder table = new StringBuilder();
        table.append("### `").append(path).append("`\n\n").append(field.description()).append("\n\n");
        table.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
        for (Field child : fields) {
            if (child instanceof Setting<?> setting) {
                table.append("| `").append(setting.key()).append("` | ").append(setting.type().name()).append(" | ")
                        .append(defaultCell(setting)).append(" | ").append(setting.description()).append(" |\n");
            }
        }
        parts.add(table.toString().strip());
        for (Field child : fields) {
            renderTables(child, path, parts);
        }
    }

    private static String defaultCell(Setting<?> setting) {
        return setting.byDefault() instanceof Default.Value<?> ? "`" + setting.defaultText() + "`"
                : setting.defaultText();
    }
}
