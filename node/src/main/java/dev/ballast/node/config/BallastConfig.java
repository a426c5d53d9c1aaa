package dev.ballast.node.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration of one node. Immutable: a reload builds a new one and swaps it in whole.
 * Every key, its default and its meaning is in {@link ConfigSchema}; README.md's reference is generated from it.
 */
public record BallastConfig(
        NodeSettings node,
        AdminSettings admin,
        LoggingSettings logging,
        List<FrontendConfig> frontends,
        List<BackendConfig> backends,
        ClusterConfig cluster,
        List<VipConfig> vips,
        DnsConfig dns) {

    public BallastConfig {
        frontends = List.copyOf(frontends);
        backends = List.copyOf(backends);
        vips = List.copyOf(vips);
    }

    public Optional<BackendConfig> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public Optional<FrontendConfig> frontend(String name) {
        return frontends.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
