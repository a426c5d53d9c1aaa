package dev.ballast.node.stats;

import java.util.Map;

/**
 * One frontend's, backend's or server's traffic at one moment. Counts are cumulative since the node started.
 *
 * @param name              the frontend, backend or server name
 * @param requests          requests that began in this scope
 * @param requestsPerSecond recent rate of {@code requests} (over the stats window, 10 s)
 * @param active            requests in progress now
 * @param responses         responses by status class (every class present)
 * @param errors            failed attempts by kind (every kind present; always 0 for frontends)
 * @param latency           latency buckets, sum and recent percentiles
 */
public record TrafficSnapshot(String name, long requests, double requestsPerSecond, long active,
                              Map<StatusClass, Long> responses, Map<ErrorKind, Long> errors,
                              LatencySnapshot latency) {

    public TrafficSnapshot {
        responses = Map.copyOf(responses);
        errors = Map.copyOf(errors);
    }

    public long responses(StatusClass statusClass) {
        return responses.getOrDefault(statusClass, 0L);
    }

    public long errors(ErrorKind kind) {
        return errors.getOrDefault(kind, 0L);
    }
}
