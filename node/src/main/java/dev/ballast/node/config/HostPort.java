package dev.ballast.node.config;

/** A host (name, IPv4 or IPv6 literal without brackets) and a TCP port. */
public record HostPort(String host, int port) {

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
