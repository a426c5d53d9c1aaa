package dev.ballast.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Active health checking of a backend's servers.
 *
 * @param type         none, tcp (connect succeeds) or http (request, expected status)
 * @param interval     time between checks of a server that is up
 * @param fastInterval time between checks while a server is changing state
 * @param downInterval time between checks of a server that is down
 * @param jitter       fraction (0..1) by which each interval is randomly spread
 * @param initialState state of a server before its first verdict
 * @param expectStatus accepted status codes
 * @param expectBody   the response body must contain this
 * @param port         check this port instead of the server's
 */
public record HealthCheckConfig(
        Type type,
        Duration interval,
        Duration fastInterval,
        Duration downInterval,
        Duration timeout,
        int rise,
        int fall,
        double jitter,
        InitialState initialState,
        String method,
        String path,
        Optional<String> host,
        List<StatusRange> expectStatus,
        Optional<String> expectBody,
        Optional<Integer> port) {

    public HealthCheckConfig {
        expectStatus = List.copyOf(expectStatus);
    }

    public enum Type { NONE, TCP, HTTP }

    public enum InitialState { UNKNOWN, UP, DOWN }

    /** An inclusive range of status codes; a single code is a range of one. */
    public record StatusRange(int from, int to) {
        public boolean contains(int status) {
            return status >= from && status <= to;
        }
    }

    public boolean accepts(int status) {
        for (StatusRange range : expectStatus) { // a plain loop: asked once per health check
            if (range.contains(status)) {
                return true;
            }
        }
        return false;
    }
}
