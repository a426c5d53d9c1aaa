package dev.ballast.node.config;

/** An IP address with a prefix length, e.g. {@code 10.0.0.100/24}: how a VIP is written. */
record Cidr(String address, int prefix) {

    static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            throw new InvalidValueException("\"" + trimmed + "\" has no prefix length (expected e.g. 10.0.0.100/24)");
        }
        String address = trimmed.substring(0, slash);
        String prefixText = trimmed.substring(slash + 1);
        int maxPrefix;
        if (IpLiterals.isIpv4(address)) {
            maxPrefix = 32;
        } else if (IpLiterals.isIpv6(address)) {
            maxPrefix = 128;
        } else {
            throw new InvalidValueException("\"" + trimmed + "\": \"" + address + "\" is not an IP address");
        }
        try {
            int prefix = Integer.parseInt(prefixText);
            if (prefix >= 0 && prefix <= maxPrefix) {
                return new Cidr(address, prefix);
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new InvalidValueException("\"" + trimmed + "\": prefix length \"" + prefixText + "\" is not between 0 and "
                + maxPrefix);
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
