package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A member whose failure-detection connect failed although it was alive is watched again once the verification
 * finds it alive, so its later crash is still noticed in milliseconds (its socket closes) and not only by missing
 * heartbeats (3 s with the safe profile). FD_SOCK2 watches the next member in the view's order, so the members play
 * their parts by their place in the view: the watcher (first), the leaver (second), the victim (third).
 */
class SocketFailureDetectionIT extends MemberPairFixture {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    /** Well under the safe profile's 3 s heartbeat timeout: only a closed socket can be noticed this fast. */
    private static final long KILL_NOTICED_BOUND_MILLIS = 2_000;

    /**
     * Ring watcher -> leaver -> victim -> fourth -> watcher. FD_SOCK2 alone would afterwards watch the fourth
     * member, the one after the victim.
     */
    @Test
    void aMemberFoundAliveAfterAFailedConnectIsWatchedAgain() throws Exception {
        falselySuspectThenKill(List.of("a", "b", "c", "d"));
    }

    /**
     * Ring watcher -> leaver -> victim -> watcher: the victim is the watcher's only neighbour once the leaver has
     * gone. FD_SOCK2 alone would not connect to it again, as the member it already tried.
     */
    @Test
    void theOnlyNeighbourFoundAliveAfterAFailedConnectIsWatchedAgain() throws Exception {
        falselySuspectThenKill(List.of("a", "b", "c"));
    }

    /**
     * With the victim frozen, the leaver leaves: the watcher's new neighbour is the victim, and its connect to it
     * times out (a frozen process's kernel accepts the connection, nobody answers). The victim continues in time to
     * answer the verification, so it stays a member; then it is killed.
     */
    private void falselySuspectThenKill(List<String> names) throws Exception {
        Map<String, MemberProcess> byName = new LinkedHashMap<>();
        for (String name : names) {
            int port = name.equals("a") ? portA : name.equals("b") ? portB : MemberProcess.freePort();
            byName.put(name, start(name, port));
            byName.get("a").awaitMembers(STARTUP, byName.keySet().toArray(String[]::new));
        }
        // Usually the joining order; a member that timed out joining on a loaded machine comes in by a merge.
        List<String> ring = byName.get("a").members();
        MemberProcess watcher = byName.get(ring.get(0));
        MemberProcess leaver = byName.get(ring.get(1));
        MemberProcess victim = byName.get(ring.get(2));
        List<String> withoutLeaver = ring.stream().filter(name -> !name.equals(leaver.name())).toList();
        String victimSuspected = "suspect " + victim.name() + " is not known to be gone"; // and verified
        String victimGone = "suspect " + victim.name() + " is gone"; // the crash probe found it gone

        long suspicionsBefore = watcher.countLogged(victimSuspected); // also while it joined, at times
        victim.signal("STOP");
        leaver.send("stop");
        await(watcher.name() + "'s connect to the frozen " + victim.name() + " fails and it suspects it")
                .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                .until(() -> watcher.countLogged(victimSuspected) > suspicionsBefore);
        victim.signal("CONT");
        // The leaver may have watched the victim: until its process is gone, it could notice the victim's crash.
        await(leaver.name() + " has left and exited").atMost(Duration.ofSeconds(15)).until(() -> !leaver.isAlive());
        await(victim.name() + " answered the verification and stays")
                .during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> watcher.members().equals(withoutLeaver));
        assertThat(watcher.logged(victimGone)).isFalse();

        long killedAt = System.nanoTime();
        victim.kill();
        // The suspicion that ends in the exclusion, not the view change: a merge started by the leaver's last view
        // (its messages still in flight when it left) can hold up the view change by seconds.
        await(watcher.name() + " notices the killed " + victim.name()).atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(10)).until(() -> watcher.logged(victimGone));
        long noticedMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.println("MEASURED kill -9 of a member that had been falsely suspected (ring " + ring
                + "): noticed in " + noticedMillis + " ms");
        assertThat(noticedMillis).as("noticed by its closed socket, not by missing heartbeats")
                .isLessThan(KILL_NOTICED_BOUND_MILLIS);
    }
}
