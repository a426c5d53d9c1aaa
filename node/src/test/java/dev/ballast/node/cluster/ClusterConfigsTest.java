package dev.ballast.node.cluster;

import dev.ballast.cluster.election.AssignmentMode;
import dev.ballast.cluster.election.QuorumPolicy;
import dev.ballast.cluster.membership.ClusterSettings;
import dev.ballast.cluster.membership.FailureDetectionProfile;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node's cluster configuration as the cluster module sees it, and which frontends follow a VIP. */
class ClusterConfigsTest {

    @TempDir
    Path dir;

    private BallastConfig parse(String cluster, String vips) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "a secret of sufficient length, 32+ bytes");
        return ConfigLoader.parse("""
                node:
                  name: lb1
                frontends:
                  - name: public
                    bind: 10.0.0.100:80
                    default-backend: web
                  - name: public-v6
                    bind: "[fd00:0:0:0:0:0:0:64]:80"
                    default-backend: web
                  - name: internal
                    bind: 127.0.0.1:8081
                    default-backend: web
                backends:
                  - name: web
                    servers:
                      - name: s1
                        address: 127.0.0.1:9001
                cluster:
                  enabled: true
                  name: prod
                  bind: 10.0.0.11:7800
                  peers: [10.0.0.11:7800, 10.0.0.12:7800, 10.0.0.13:7800]
                  secret-file: %s
                %svips:
                %s""".formatted(secret, cluster, vips), "test.yaml");
    }

    @Test
    void mapsEveryClusterSettingOntoTheClusterModule() throws Exception {
        BallastConfig config = parse("""
                  profile: safe
                  quorum: majority
                  preempt: true
                  priority: 150
                  mode: active-active
                """, """
                  - address: 10.0.0.100/24
                  - address: 10.0.0.101/24
                """);

        QuorumPolicy quorum = ClusterSettingsMapping.quorum(config.cluster(), () -> true);
        ClusterSettings settings = ClusterSettingsMapping.settings(config, quorum);

        assertThat(quorum).isEqualTo(new QuorumPolicy.Majority(3));
        assertThat(settings.nodeName()).isEqualTo("lb1");
        assertThat(settings.clusterName()).isEqualTo("prod");
        assertThat(settings.bind()).isEqualTo(new InetSocketAddress("10.0.0.11", 7800));
        assertThat(settings.peers()).hasSize(3).contains(new InetSocketAddress("10.0.0.13", 7800));
        assertThat(settings.secretFile()).isEqualTo(dir.resolve("secret"));
        assertThat(settings.profile()).isEqualTo(FailureDetectionProfile.SAFE);
        assertThat(settings.priority()).isEqualTo(150);
        assertThat(settings.preempt()).isTrue();
        assertThat(settings.mode()).isEqualTo(AssignmentMode.ACTIVE_ACTIVE);
        assertThat(settings.vips()).containsExactly("10.0.0.100/24", "10.0.0.101/24");
    }

    @Test
    void tiebreakerQuorumAsksTheProbe() throws Exception {
        BallastConfig config = parse("""
                  quorum: tiebreaker
                  tiebreaker: 10.0.0.1:53
                """, "  - address: 10.0.0.100/24\n");
        boolean[] reachable = {true};

        QuorumPolicy quorum = ClusterSettingsMapping.quorum(config.cluster(), () -> reachable[0]);

        assertThat(quorum.allowsOwnership(1)).isTrue();
        reachable[0] = false;
        assertThat(quorum.allowsOwnership(2)).isFalse();
        assertThat(quorum.describe(2)).contains("10.0.0.1:53", "unreachable");
    }

    @Test
    void aClusterWithoutVipsCannotStart() throws Exception {
        BallastConfig config = parse("", " []\n");

        assertThatThrownBy(() -> ClusterSettingsMapping.settings(config, new QuorumPolicy.None()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one VIP");
    }

    @Test
    void onlyFrontendsOnABindModeVipFollowIt() throws Exception {
        BallastConfig config = parse("", """
                  - address: 10.0.0.100/24
                    mode: bind
                  - address: fd00::64/64
                    mode: bind
                  - address: 10.0.0.200/24
                    mode: bind
                  - address: 10.0.0.101/24
                    mode: script
                """);

        VipFrontends frontends = VipFrontends.of(config);

        assertThat(frontends.on("10.0.0.100")).containsExactly("public");
        assertThat(frontends.on("fd00::64")).as("IPv6 spelled differently").containsExactly("public-v6");
        assertThat(frontends.on("10.0.0.101")).as("script mode: the address moves, the listener stays").isEmpty();
        assertThat(frontends.all()).containsExactly("public", "public-v6");
        assertThat(frontends.addressesWithoutFrontend()).isEqualTo(List.of("10.0.0.200"));
    }
}
