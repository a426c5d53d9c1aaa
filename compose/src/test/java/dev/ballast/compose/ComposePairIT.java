package dev.ballast.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The compose pair as a user starts it (compose/docker-compose.yml, the image built from this build's jars on the
 * offline base), seen from the Docker host: both nodes proxy to the three demo backends; a sticky cookie set by one
 * node keeps its server on the other; each node's admin API answers on the host's loopback with the token from the
 * secret file; a node killed with docker kill costs the other node's clients nothing and serves again after docker
 * start. The VIP's failover is {@link FailoverIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ComposePairIT {

    @RegisterExtension
    static final ComposePairExtension PAIR = new ComposePairExtension(ComposePair.Start.SIMULTANEOUS);

    @Test
    @Order(1)
    void bothNodesSpreadRequestsOverTheThreeBackends(ComposePair pair) throws Exception {
        for (String node : ComposePair.NODE_ADDRESSES.keySet()) {
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < 12; i++) {
                HttpProbe.Response response = HttpProbe.PATIENT.get(pair.nodeAddress(node), "/", Optional.empty());
                assertThat(response.status()).as("status from %s", node).isEqualTo(200);
                answered.add(response.backend());
            }
            assertThat(answered).as("backends that answered through %s", node)
                    .containsExactlyInAnyOrderElementsOf(ComposePair.BACKENDS);
        }
    }

    @Test
    @Order(2)
    void aStickyCookieFromOneNodeKeepsItsServerOnTheOther(ComposePair pair) throws Exception {
        HttpProbe.Response first = HttpProbe.PATIENT.get(pair.nodeAddress("lb1"), "/", Optional.empty());
        assertThat(first.setCookie()).as("lb1 inserts the sticky cookie").isPresent();
        String cookie = first.setCookie().orElseThrow().split(";", 2)[0];
        for (String node : ComposePair.NODE_ADDRESSES.keySet()) {
            for (int i = 0; i < 6; i++) {
                assertThat(HttpProbe.PATIENT.get(pair.nodeAddress(node), "/", Optional.of(cookie)).backend())
                        .as("server for %s through %s", cookie, node).isEqualTo(first.backend());
            }
        }
    }

    @Test
    @Order(3)
    void eachNodesAdminApiAnswersOnTheHostsLoopbackWithTheSecretToken(ComposePair pair) throws Exception {
        for (String node : ComposePair.NODE_ADDRESSES.keySet()) {
            // The admin API starts once the node has joined the cluster, after its frontends.
            await(node + "'s admin API answers").atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> pair.admin(node, "/healthz", false).contains("\"up\""));
            assertThat(pair.admin(node, "/api/v1/node", true)).as("%s /api/v1/node", node)
                    .contains("\"name\":\"" + node + "\"");
        }
    }

    @Test
    @Order(4)
    void aKilledNodeCostsTheOtherNodesClientsNothingAndServesAgainAfterStart(ComposePair pair) throws Exception {
        ClientLoop client = new ClientLoop(HttpProbe.PATIENT, pair.nodeAddress("lb2"), Optional.empty(),
                Duration.ofMillis(20), Duration.ofMinutes(2), 5_000).start();
        try {
            await("lb2 answers").atMost(1, TimeUnit.MINUTES).until(() -> client.meter().requests() >= 10);
            pair.kill("lb1");
            await("lb1 stopped").atMost(1, TimeUnit.MINUTES).until(() -> !pair.running("lb1"));
            int atKill = client.meter().requests();
            await("lb2 answers after lb1 was killed").atMost(1, TimeUnit.MINUTES)
                    .until(() -> client.meter().requests() >= atKill + 20);
        } finally {
            client.close();
        }
        assertThat(client.meter().failures()).as("requests to lb2 that failed while lb1 died: %s", client.meter())
                .isZero();

        pair.startAgain("lb1");
        pair.awaitProxying("lb1");
    }
}
