package dev.ballast.node.config;

import java.util.List;

/**
 * The whole configuration schema: every key with its type, default and description. The loader reads YAML by it,
 * the reference in README.md is rendered from it, and tests check it against the typed model.
 */
public final class ConfigSchema {

    /** The top-level keys, in the order the reference shows them. */
    static final List<Field> TOP_LEVEL = List.of(
            NodeSchema.NODE,
            NodeSchema.ADMIN,
            NodeSchema.LOGGING,
            FrontendSchema.FRONTENDS,
            BackendSchema.BACKENDS,
            ClusterSchema.CLUSTER,
            ClusterSchema.VIPS,
            ClusterSchema.DNS);

    private ConfigSchema() {
    }
}
