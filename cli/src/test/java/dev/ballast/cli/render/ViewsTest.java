package dev.ballast.cli.render;

import dev.ballast.cli.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The human renderings of contract-shaped replies, character for character. */
class ViewsTest {

    @Test
    void serversShowStateHealthWeightsTrafficErrorsLatencyAndLastCheck() {
        assertThat(ServersView.render(Fixtures.json("backend-web.json"))).isEqualTo("""
                backend web (roundrobin): 1/2 servers usable
                SERVER         ADDRESS         ADMIN  HEALTH         WEIGHT  EFF  ACTIVE  QUEUED  REQ/S  4XX  5XX  \
                ERR C/T/O    P50  P95     P99  LAST CHECK
                web1           127.0.0.1:9001  ready  up                  2    2       3       0    3.5    1    1  \
                    0/2/0  1.1ms  2ms  14.3ms  ok HTTP 200 in 1.2ms
                web2 (backup)  127.0.0.1:9002  drain  down (forced)       1    0       0       0      0    0    0  \
                    0/0/0      -    -       -  -
                """);
    }

    @Test
    void aNodeThatCollectsNoTrafficNumbersLeavesThoseColumnsDashed() {
        String backend = """
                {"name":"app","balance":"leastconn","usableServers":1,"sessions":0,"servers":[
                 {"name":"s1","address":"127.0.0.1:9001","backup":false,"weight":1,"effectiveWeight":1,
                  "adminState":"ready","health":{"state":"up","forced":null,"lastCheck":null},
                  "activeRequests":0,"queued":0}]}""";

        assertThat(ServersView.render(Fixtures.parse(backend))).endsWith(
                "s1      127.0.0.1:9001  ready  up           1    1       0       0      -    -    -          -    -    -"
                        + "    -  -\n");
    }

    @Test
    void aStandaloneNodeSaysClusteringIsDisabled() {
        assertThat(MembersView.render(Fixtures.json("cluster-disabled.json")))
                .isEqualTo("clustering is disabled: demo-1 runs standalone\n");
        assertThat(StatusView.render(Fixtures.json("node.json"), Fixtures.json("cluster-disabled.json"),
                Fixtures.parse("{\"backends\":[]}"))).isEqualTo("""
                node:      lb1 (primary), version 0.1.0-SNAPSHOT, up 1h 02m since 2026-11-26T23:00:00Z
                config:    /etc/ballast/config.yaml (sha256 9f86d081884c)
                cluster:   disabled (standalone node)

                no backends configured
                """);
    }

    @Test
    void aLostQuorumAndNoFailoverAreSpelledOut() {
        String cluster = Fixtures.text("cluster.json")
                .replace("\"reached\":true", "\"reached\":false")
                .replaceAll("\"lastFailover\":\\{[^}]*}", "\"lastFailover\":null");

        String status = StatusView.render(Fixtures.json("node.json"), Fixtures.parse(cluster),
                Fixtures.json("backends.json"));

        assertThat(status).contains("cluster:   ballast, 2 members, QUORUM LOST (majority)\n",
                "failover:  none since start\n");
    }

    @Test
    void aSessionLookupSaysWhenTheSessionExpires() {
        assertThat(SessionsView.lookup(Fixtures.json("session-lookup.json")))
                .isEqualTo("web: key a b -> server web2 (expires in 1.2s)\n");
        assertThat(SessionsView.lookup(Fixtures.parse(Fixtures.text("session-lookup.json")
                .replace("1234", "null")))).isEqualTo("web: key a b -> server web2 (never expires)\n");
    }

    @Test
    void aServerActionPrintsTheServersNewState() {
        assertThat(ServerLine.render("web", Fixtures.json("server-web1-drained.json")))
                .isEqualTo("web/web1: admin drain, health up, weight 2 (effective 0)\n");
    }
}
