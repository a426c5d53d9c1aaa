package dev.ballast.node.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as HAProxy and nginx users write them: {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 1d},
 * combined as {@code 1m30s}. A bare {@code 0} means zero; any other bare number is refused because its unit would be a
 * guess (HAProxy reads milliseconds, nginx seconds).
 */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {
    }

    static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        if (BARE_NUMBER.matcher(trimmed).matches()) {
            throw new InvalidValueException(trimmed + " has no unit (write e.g. " + trimmed + "s or " + trimmed
                    + "ms; units: ms, s, m, h, d)");
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new InvalidValueException("\"" + trimmed + "\" is not a duration (expected e.g. 250ms, 2s, 1m, 1h, 1m30s)");
        }
        BigDecimal millis = BigDecimal.ZERO;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            long unit = switch (part.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            millis = millis.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        try {
            return Duration.ofMillis(millis.longValueExact());
        } catch (ArithmeticException e) {
            throw new InvalidValueException("\"" + trimmed + "\" is not a whole number of milliseconds or too long");
        }
    }

    /** The shortest exact spelling in the largest unit that divides the duration, e.g. {@code 90s}, {@code 1h}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
