package dev.ballast.node.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as nginx users write them: plain bytes, or {@code 16k}, {@code 1m}, {@code 1g} (powers of 1024). */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)");

    private Sizes() {
    }

    static int parse(String text) {
        String trimmed = text.trim();
        Matcher m = SIZE.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidValueException("\"" + trimmed + "\" is not a size (expected bytes, or e.g. 16k, 1m, 1g)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            long amount = Long.parseLong(m.group(1));
            if (amount <= (Integer.MAX_VALUE >> shift)) {
                return (int) (amount << shift);
            }
        } catch (NumberFormatException e) {
            // more digits than a long holds: reported below
        }
        throw new InvalidValueException("\"" + trimmed + "\" is too large (at most 2047m)");
    }

    static String format(int bytes) {
        if (bytes != 0 && bytes % (1 << 30) == 0) {
            return (bytes >> 30) + "g";
        }
        if (bytes != 0 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "m";
        }
        if (bytes != 0 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + "k";
        }
        return Integer.toString(bytes);
    }
}
