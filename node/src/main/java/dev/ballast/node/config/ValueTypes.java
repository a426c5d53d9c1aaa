package dev.ballast.node.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.ballast.node.config.HealthCheckConfig.StatusRange;

/** The value types of the schema. Every parser states what it expected when it refuses a value. */
final class ValueTypes {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** RFC 9110 token: methods, header names, cookie names. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");
    private static final Pattern STATUS_RANGE = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");

    private ValueTypes() {
    }

    static ValueType<String> string() {
        return new SimpleType<>("string", raw -> nonEmpty(text(raw)), s -> s);
    }

    /** Names of frontends, backends and servers: they appear in paths, logs, metrics and cookies. */
    static ValueType<String> name() {
        return new SimpleType<>("name", raw -> matching(text(raw), NAME,
                "is not a valid name (1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)"),
                s -> s);
    }

    static ValueType<String> token(String what) {
        return new SimpleType<>(what, raw -> matching(text(raw), TOKEN, "is not a valid " + what), s -> s);
    }

    static ValueType<String> networkInterface() {
        return new SimpleType<>("interface", raw -> matching(text(raw), INTERFACE,
                "is not a network interface name (at most 15 characters, no spaces or '/')"), s -> s);
    }

    /** A secret such as a token: surrounding whitespace (a file's final newline) is not part of it. */
    static ValueType<String> secret() {
        return new SimpleType<>("secret", raw -> nonEmpty(text(raw).strip()), s -> s);
    }

    static ValueType<Integer> integer(int min, int max) {
        return new SimpleType<>("integer " + min + ".." + max, raw -> inRange(integerValue(raw), min, max),
                i -> Integer.toString(i));
    }

    /** An integer that must be prime, such as a Maglev table size. */
    static ValueType<Integer> prime(int min, int max) {
        return new SimpleType<>("prime " + min + ".." + max, raw -> {
            int value = inRange(integerValue(raw), min, max);
            if (!java.math.BigInteger.valueOf(value).isProbablePrime(30)) {
                throw new InvalidValueException(value + " is not a prime number (e.g. 65537, 655373)");
            }
            return value;
        }, i -> Integer.toString(i));
    }

    static ValueType<Double> number(double min, double max) {
        return new SimpleType<>("number " + plain(min) + ".." + plain(max), raw -> {
            double value = numberValue(raw);
            if (value < min || value > max) {
                throw new InvalidValueException(plain(value) + " is not between " + plain(min) + " and " + plain(max));
            }
            return value;
        }, ValueTypes::plain);
    }

    static ValueType<Boolean> bool() {
        return new SimpleType<>("boolean", raw -> {
            if (raw instanceof Boolean b) {
                return b;
            }
            return switch (text(raw).toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InvalidValueException("expected true or false, got " + quoted(raw));
            };
        }, b -> Boolean.toString(b));
    }

    static ValueType<Duration> duration() {
        return new SimpleType<>("duration", raw -> Durations.parse(text(raw)), Durations::format);
    }

    static ValueType<Integer> size() {
        return new SimpleType<>("size", raw -> Sizes.parse(text(raw)), Sizes::format);
    }

    /** Where this node listens: port 0 picks a free port. */
    static ValueType<HostPort> bindAddress() {
        return new SimpleType<>("host:port", raw -> HostPorts.parse(text(raw), true), HostPort::toString);
    }

    /** Where this node connects to. */
    static ValueType<HostPort> targetAddress() {
        return new SimpleType<>("host:port", raw -> HostPorts.parse(text(raw), false), HostPort::toString);
    }

    static ValueType<Cidr> cidr() {
        return new SimpleType<>("address/prefix", raw -> Cidr.parse(text(raw)), Cidr::toString);
    }

    static ValueType<Pattern> regex() {
        return new SimpleType<>("regex", raw -> {
            String source = text(raw);
            try {
                return Pattern.compile(source);
            } catch (PatternSyntaxException e) {
                throw new InvalidValueException(quoted(source) + " is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }, Pattern::pattern);
    }

    static ValueType<Path> path() {
        return new SimpleType<>("path", raw -> {
            String source = nonEmpty(text(raw));
            try {
                return Path.of(source);
            } catch (InvalidPathException e) {
                throw new InvalidValueException(quoted(source) + " is not a valid path: " + e.getReason());
            }
        }, Path::toString);
    }

    /** A URL path or path prefix: starts with '/'. */
    static ValueType<String> urlPath() {
        return new SimpleType<>("url path", raw -> {
            String path = text(raw);
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new InvalidValueException(quoted(path) + " is not a URL path (starts with '/', no spaces)");
            }
            return path;
        }, s -> s);
    }

    /** A host name to match: exact, or {@code *.example.com} for any subdomain. */
    static ValueType<String> hostPattern() {
        return new SimpleType<>("host", raw -> {
            String host = text(raw);
            String rest = host.startsWith("*.") ? host.substring(2) : host;
            if (!IpLiterals.isHostName(rest) && !IpLiterals.isIpv4(rest)) {
                throw new InvalidValueException(quoted(host) + " is not a host name (e.g. example.com or *.example.com)");
            }
            return host.toLowerCase(Locale.ROOT);
        }, s -> s);
    }

    /** A status code ({@code 200}) or an inclusive range ({@code 200-399}). */
    static ValueType<StatusRange> statusRange() {
        return new SimpleType<>("status", raw -> {
            var m = STATUS_RANGE.matcher(text(raw));
            if (!m.matches()) {
                throw new InvalidValueException(quoted(raw) + " is not a status code or range (e.g. 200 or 200-399)");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (from < 100 || to > 599 || from > to) {
                throw new InvalidValueException(quoted(raw) + " is not a range of status codes within 100-599");
            }
            return new StatusRange(from, to);
        }, r -> r.from() == r.to() ? Integer.toString(r.from()) : r.from() + "-" + r.to());
    }

    /** One of the constants of an enum, written in kebab case: {@code STATIC_RR} is {@code static-rr}. */
    static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(ValueTypes::kebab).toList();
        return new SimpleType<>("one of " + String.join(", ", names), raw -> {
            String given = text(raw);
            for (E constant : type.getEnumConstants()) {
                if (kebab(constant).equals(given)) {
                    return constant;
                }
            }
            throw new InvalidValueException(quoted(given) + " is not one of " + String.join(", ", names)
                    + Suggestion.didYouMean(given, names));
        }, ValueTypes::kebab);
    }

    /** One of a fixed set of words. */
    static ValueType<String> oneOf(String... words) {
        List<String> allowed = List.of(words);
        return new SimpleType<>("one of " + String.join(", ", allowed), raw -> {
            String given = text(raw);
            if (!allowed.contains(given)) {
                throw new InvalidValueException(quoted(given) + " is not one of " + String.join(", ", allowed)
                        + Suggestion.didYouMean(given, allowed));
            }
            return given;
        }, s -> s);
    }

    static <E> ValueType<List<E>> listOf(ValueType<E> element) {
        return new ListType<>(element);
    }

    static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A value quoted as the user wrote it: strings in double quotes, numbers and booleans bare. */
    static String quoted(Object raw) {
        return raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
    }

    private static String text(Object raw) {
        if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            return raw.toString();
        }
        throw new InvalidValueException("expected a single value, got " + raw);
    }

    private static String nonEmpty(String text) {
        if (text.isEmpty()) {
            throw new InvalidValueException("must not be empty");
        }
        return text;
    }

    private static String matching(String text, Pattern pattern, String otherwise) {
        if (!pattern.matcher(text).matches()) {
            throw new InvalidValueException(quoted(text) + " " + otherwise);
        }
        return text;
    }

    private static int integerValue(Object raw) {
        if (raw instanceof Integer i) {
            return i;
        }
        String text = text(raw).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("expected an integer, got " + quoted(raw));
        }
    }

    private static double numberValue(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(text(raw).trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("expected a number, got " + quoted(raw));
        }
    }

    private static int inRange(int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(value + " is not between " + min + " and " + max);
        }
        return value;
    }

    /** 1.25 as "1.25", 2.0 as "2". */
    private static String plain(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value)
                : Double.toString(value);
    }
}
