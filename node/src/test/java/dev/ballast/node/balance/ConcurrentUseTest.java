package dev.ballast.node.balance;

import dev.ballast.node.config.BalanceConfig;
import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.BalanceConfig.HashKey;
import dev.ballast.node.config.BalanceConfig.HashMethod;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.config.ServerConfig.AdminState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two "event loops" pick, take and release while a third thread flips health, admin states and weights: every
 * algorithm keeps answering with one of the backend's servers (or null), and the counters return to zero.
 */
class ConcurrentUseTest {

    @Test
    void picksStaySaneWhileStatesChange() throws Exception {
        List<BalanceConfig> configs = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm != Algorithm.HASH) {
                configs.add(Fixtures.config(algorithm));
            }
        }
        configs.add(Fixtures.hash(HashMethod.RING, HashKey.PATH, 20, 1.25));
        configs.add(Fixtures.hash(HashMethod.MAGLEV, HashKey.PATH, 20, 1.25));

        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (BalanceConfig config : configs) {
                List<ServerConfig> servers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    servers.add(Fixtures.serverConfig("s" + i, 1 + i % 3, i >= 10, i % 4 == 0 ? 2 : 0,
                            Duration.ofMillis(i % 2 == 0 ? 5 : 0), AdminState.READY));
                }
                BackendBalancer backend = new BackendBalancer("be", config, false, 30, servers, System::nanoTime);
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int seed = t;
                    running.add(threads.submit(() -> pickTakeRelease(backend, seed)));
                }
                running.add(threads.submit(() -> flipStates(backend)));
                for (Future<?> future : running) {
                    future.get(60, TimeUnit.SECONDS);
                }
                for (Server server : backend.servers()) {
                    assertThat(server.inFlight()).as(config.algorithm() + " " + server).isZero();
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void pickTakeRelease(BackendBalancer backend, int seed) {
        Random random = new Random(seed);
        List<Server> held = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Server picked = backend.pick(TestRequest.forPath("/k" + random.nextInt(500)), null);
            if (picked != null) {
                assertThat(backend.servers()).contains(picked);
                backend.connectionTaken(picked);
                held.add(picked);
            }
            if (held.size() > 5 || (picked == null && !held.isEmpty())) {
                backend.connectionReleased(held.remove(random.nextInt(held.size())));
            }
        }
        held.forEach(backend::connectionReleased);
    }

    private static void flipStates(BackendBalancer backend) {
        Random random = new Random(99);
        AdminState[] states = AdminState.values();
        for (int i = 0; i < 300; i++) {
            Server server = backend.servers().get(random.nextInt(backend.servers().size()));
            switch (random.nextInt(4)) {
                case 0 -> backend.setHealthy(server, random.nextBoolean());
                case 1 -> backend.setAdminState(server, states[random.nextInt(states.length)]);
                case 2 -> backend.setWeight(server, random.nextInt(5));
                default -> backend.tick();
            }
        }
    }
}
