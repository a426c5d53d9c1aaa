package dev.ballast.cluster.membership;

/**
 * Failure-detection timings. A crashed member is detected by FD_SOCK2 (its socket closes) in tens of milliseconds
 * in both profiles; the profiles differ in how fast a hung or cut-off member (no heartbeats) is suspected, and how
 * long a suspicion is verified (the suspect is asked whether it is alive, and excluded only without an answer; see
 * {@link ProtocolStackFactory}). Every suspicion is verified, whatever raised it; the verification ends early for a
 * suspect whose host refuses connections on every port its FD_SOCK2 server may listen on ({@link CrashProbe}): its
 * process is gone (kill -9, a crash), so a kill costs neither profile its verification time. A frozen process
 * (SIGSTOP) still listens and a cut-off host does not answer, so both get the full verification time to answer.
 * <ul>
 *   <li>{@code FAST}: heartbeat every 25 ms, suspect after 300 ms of silence, verify 50 ms. FD_ALL3 suspects between
 *       the timeout and the timeout plus one interval after the last message, so the 25 ms beat (50 ms until
 *       2026-11-27) narrows the suspicion to 275-325 ms after a fault instead of 250-350 ms; the silence a member must
 *       keep before it is suspected is the same 300 ms. Measured on a 2-core box saturated by 4 busy processes (300/50
 *       ms): no false suspicion in 5 minutes (150/30 ms did produce them). A killed member is replaced in ~0.1 s (the
 *       crash probe ends its verification at once), a frozen or cut-off one in ~0.35-0.4 s (bench/RESULTS.md). 10
 *       minutes of full proxy load (bench/soak) on an otherwise idle 2-core box: no suspicion at all, longest heartbeat
 *       silence 74 ms. With the same load on a box shared with other users' builds (load average 10-20) the longest gap
 *       between two heartbeats reached 130-420 ms: a few suspicions per 2 minutes, each cleared by the verification,
 *       and no view change or VIP move in any run (bench/RESULTS.md, "Soak"). The gaps come from threads not getting
 *       the CPU (and GC pauses stretched by the same starvation), so the margin is thin on an oversubscribed machine; a
 *       dedicated host, where the data plane's own event loops (at a lower priority, see bin/ballast) are the
 *       competition, is what this profile assumes.</li>
 *   <li>{@code SAFE}: heartbeat every 500 ms, suspect after 3 s, verify 500 ms, for lossy or congested links where a
 *       spurious failover costs more than a slower one (SIGSTOP takeover ≈ 3.5 s; a kill is as fast as with
 *       {@code FAST}: the crash probe does not wait out the 500 ms).</li>
 * </ul>
 */
public enum FailureDetectionProfile {
    FAST(25, 300, 50),
    SAFE(500, 3000, 500);

    private final long heartbeatIntervalMillis;
    private final long heartbeatTimeoutMillis;
    private final long verifySuspectMillis;

    FailureDetectionProfile(long heartbeatIntervalMillis, long heartbeatTimeoutMillis, long verifySuspectMillis) {
        this.heartbeatIntervalMillis = heartbeatIntervalMillis;
        this.heartbeatTimeoutMillis = heartbeatTimeoutMillis;
        this.verifySuspectMillis = verifySuspectMillis;
    }

    public long heartbeatIntervalMillis() {
        return heartbeatIntervalMillis;
    }

    public long heartbeatTimeoutMillis() {
        return heartbeatTimeoutMillis;
    }

    public long verifySuspectMillis() {
        return verifySuspectMillis;
    }
}
