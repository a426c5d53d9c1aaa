package dev.ballast.cluster.membership;

/**
 * Failure-detection timings. A crashed member is detected by FD_SOCK2 (its socket closes) in tens of milliseconds
 * in both profiles; the profiles differ in how fast a hung or cut-off member (no heartbeats) is suspected, and how
 * long a suspicion is verified.
 * <ul>
 *   <li>{@code FAST}: heartbeat every 50 ms, suspect after 300 ms of silence, verify 50 ms. Measured on a 2-core box
 *       saturated by 4 busy processes: no false suspicion in 5 minutes (150/30 ms did produce them).
 *       SIGSTOP takeover ≈ 0.4 s. Under full proxy load (bench/soak: the primary saturating both cores through
 *       the VIP, on a box shared with other users' builds, load average 10-20) the longest gap between two
 *       heartbeats reached 130-420 ms: a few suspicions per 2 minutes, each cleared by VERIFY_SUSPECT2 within
 *       50 ms, and no view change or VIP move in any run (bench/RESULTS.md, "Soak"). The gaps come from threads
 *       not getting the CPU (and GC pauses stretched by the same starvation), so the margin is thin on an
 *       oversubscribed machine; a dedicated host, where the data plane's own event loops (at a lower priority,
 *       see bin/ballast) are the competition, is what this profile assumes.</li>
 *   <li>{@code SAFE}: heartbeat every 500 ms, suspect after 3 s, verify 500 ms, for lossy or congested links where a
 *       spurious failover costs more than a slower one (SIGSTOP takeover ≈ 3.5 s).</li>
 * </ul>
 */
public enum FailureDetectionProfile {
    FAST(50, 300, 50),
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
