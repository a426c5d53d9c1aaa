package dev.ballast.node.cluster;

import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.VipConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which frontends listen on a bind-mode VIP: those whose bind address is the VIP's address. They listen only while
 * this node owns the VIP; every other frontend listens all the time.
 */
final class VipFrontends {

    private final Map<String, List<String>> frontendsByAddress;

    private VipFrontends(Map<String, List<String>> frontendsByAddress) {
        this.frontendsByAddress = Map.copyOf(frontendsByAddress);
    }

    static VipFrontends of(BallastConfig config) {
        Map<String, List<String>> byAddress = new LinkedHashMap<>();
        for (VipConfig vip : config.vips()) {
            if (vip.mode() != VipConfig.Mode.BIND) {
                continue;
            }
            List<String> frontends = config.frontends().stream()
                    .filter(frontend -> sameAddress(frontend.bind().host(), vip.address()))
                    .map(FrontendConfig::name)
                    .toList();
            byAddress.put(canonical(vip.address()), frontends);
        }
        return new VipFrontends(byAddress);
    }

    /** The frontends on this VIP address (empty when none is, or when it is not a bind-mode VIP). */
    List<String> on(String address) {
        return frontendsByAddress.getOrDefault(canonical(address), List.of());
    }

    /** Every frontend that listens only while this node owns its VIP. */
    Set<String> all() {
        Set<String> all = new TreeSet<>();
        frontendsByAddress.values().forEach(all::addAll);
        return all;
    }

    /** Bind-mode VIP addresses no frontend listens on: owning them serves nothing, worth a warning. */
    List<String> addressesWithoutFrontend() {
        return frontendsByAddress.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                .toList();
    }

    private static boolean sameAddress(String host, String vipAddress) {
        return canonical(host).equals(canonical(vipAddress));
    }

    /** IPv6 literals have several spellings (::1, 0:0:0:0:0:0:0:1); names are compared as written. */
    private static String canonical(String host) {
        if (host.indexOf(':') < 0) {
            return host.toLowerCase();
        }
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host.toLowerCase();
        }
    }
}
