package dev.ballast.node.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;

/**
 * Port: each server's traffic numbers as counted by the data plane (requests, rates, responses by class, errors,
 * latency percentiles). A node without a statistics source gives {@link #NONE}: then these fields are left out of
 * the API's Server objects rather than shown as zeros that nobody counted.
 */
@FunctionalInterface
public interface TrafficView {

    /** No statistics are collected on this node. */
    TrafficView NONE = (backend, server) -> Optional.empty();

    /** The server's numbers since the node started; empty when nothing counts them. */
    Optional<ServerTraffic> server(String backend, String server);

    /**
     * One server's traffic, exactly the contract's fields.
     *
     * @param requests          requests sent to the server since the node started
     * @param requestsPerSecond the recent rate
     * @param latencyMs         response-time percentiles in milliseconds
     */
    record ServerTraffic(long requests, double requestsPerSecond, Responses responses, Errors errors,
                         Latency latencyMs) {
    }

    /** Responses by status class. */
    record Responses(@JsonProperty("2xx") long status2xx, @JsonProperty("3xx") long status3xx,
                     @JsonProperty("4xx") long status4xx, @JsonProperty("5xx") long status5xx) {
    }

    /** Requests that got no response from the server, by cause. */
    record Errors(long connect, long timeout, long other) {
    }

    record Latency(double p50, double p95, double p99) {
    }
}
