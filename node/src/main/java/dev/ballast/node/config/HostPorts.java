package dev.ballast.node.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code host:port} and {@code [ipv6]:port}. */
final class HostPorts {

    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::(.*))?");

    private HostPorts() {
    }

    /**
     * @param allowPortZero binds may use port 0 (any free port, handy in tests); targets may not
     */
    static HostPort parse(String text, boolean allowPortZero) {
        String trimmed = text.trim();
        String host;
        String port;
        Matcher bracketed = BRACKETED.matcher(trimmed);
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
            if (!IpLiterals.isIpv6(host)) {
                throw new InvalidValueException("\"" + trimmed + "\": [" + host + "] is not an IPv6 address");
            }
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon >= 0 && trimmed.indexOf(':') != colon) {
                throw new InvalidValueException("\"" + trimmed + "\": an IPv6 address needs brackets, e.g. [::1]:8080");
            }
            host = colon < 0 ? trimmed : trimmed.substring(0, colon);
            port = colon < 0 ? null : trimmed.substring(colon + 1);
            if (host.isEmpty()) {
                throw new InvalidValueException("\"" + trimmed + "\" has no host (expected host:port, e.g. 0.0.0.0" + trimmed
                        + ")");
            }
            if (!IpLiterals.isIpv4(host) && !IpLiterals.isHostName(host)) {
                throw new InvalidValueException("\"" + trimmed + "\": \"" + host + "\" is not an IP address or host name");
            }
        }
        if (port == null) {
            throw new InvalidValueException("\"" + trimmed + "\" has no port (expected host:port)");
        }
        return new HostPort(host, parsePort(trimmed, port, allowPortZero));
    }

    private static int parsePort(String whole, String port, boolean allowPortZero) {
        int min = allowPortZero ? 0 : 1;
        try {
            int value = Integer.parseInt(port);
            if (value >= min && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new InvalidValueException("\"" + whole + "\": port \"" + port + "\" is not between " + min + " and 65535");
    }
}
