package dev.ballast.node.config;

/**
 * A virtual IP the cluster moves between nodes.
 *
 * @param address   address with prefix length, e.g. {@code 10.0.0.100/24}
 * @param prefix    the prefix length
 * @param iface     network interface the address is added to (script mode)
 * @param mode      script (vip-scripts add the address and announce it) or bind (only the owner listens on it)
 */
public record VipConfig(String address, int prefix, String iface, Mode mode) {

    public enum Mode { SCRIPT, BIND }

    public String cidr() {
        return address + "/" + prefix;
    }
}
