package dev.ballast.node.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/** The contract's Node object: who this node is, since when, and which configuration it runs. */
final class NodeReport {

    /** The version this build was made as (filtered into version.properties by Maven). */
    static final String VERSION = readVersion();

    private final Instant startedAt;
    private final Clock clock;
    private final LiveConfig config;
    private final ClusterView cluster;

    NodeReport(Instant startedAt, Clock clock, LiveConfig config, ClusterView cluster) {
        this.startedAt = startedAt;
        this.clock = clock;
        this.config = config;
        this.cluster = cluster;
    }

    NodeJson now() {
        LiveConfig.Loaded loaded = config.loaded();
        return new NodeJson(loaded.config().node().name(), VERSION, startedAt,
                Duration.between(startedAt, clock.instant()).toSeconds(), config.file().toString(), loaded.sha256(),
                cluster.role());
    }

    private static String readVersion() {
        try (InputStream in = NodeReport.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build of " + NodeReport.class);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
    }

    /** @param role primary, standby or standalone */
    record NodeJson(String name, String version, Instant startedAt, long uptimeSeconds, String configFile,
                    String configSha256, String role) {
    }
}
