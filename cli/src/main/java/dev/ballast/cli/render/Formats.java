package dev.ballast.cli.render;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How values of the admin API's JSON read in a table. */
public final class Formats {

    /** Shown for a value that is null or absent. */
    public static final String NONE = "-";

    private Formats() {
    }

    /** The value as text, or {@link #NONE} when it is null or absent. */
    public static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? NONE : value.asText();
    }

    /** A decimal number with at most one digit after the point: 3.5, 12, 0.1. */
    public static String number(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return text(value);
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        String formatted = String.format(Locale.ROOT, "%.1f", value.asDouble());
        return formatted.endsWith(".0") ? formatted.substring(0, formatted.length() - 2) : formatted;
    }

    public static String yesNo(JsonNode value) {
        return value != null && value.isBoolean() ? (value.asBoolean() ? "yes" : "no") : text(value);
    }

    /** A list of strings joined by commas, {@link #NONE} when empty. */
    public static String list(JsonNode values) {
        List<String> items = new ArrayList<>();
        values.forEach(value -> items.add(value.asText()));
        return items.isEmpty() ? NONE : String.join(",", items);
    }

    /** Seconds as the two largest units: 45s, 3m 05s, 2h 07m, 4d 03h. */
    public static String duration(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return String.format(Locale.ROOT, "%dd %02dh", days, hours);
        }
        if (hours > 0) {
            return String.format(Locale.ROOT, "%dh %02dm", hours, minutes);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", minutes, secs);
        }
        return secs + "s";
    }

    /** Milliseconds as a duration: 850ms, 1.2s, or as {@link #duration(long)} from a minute on. */
    public static String millis(long millis) {
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return duration(millis / 1000);
    }
}
