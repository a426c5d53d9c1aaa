/**
 * Traffic statistics of the data plane: per frontend, backend and server, request and response counts, errors,
 * requests in progress, a recent request rate and latency (HdrHistogram percentiles plus fixed buckets for
 * Prometheus). Writers (the event loops) only touch {@link java.util.concurrent.atomic.LongAdder}s and HdrHistogram
 * {@link org.HdrHistogram.Recorder}s, which never block; readers get immutable {@link
 * dev.ballast.node.stats.TrafficSnapshot}s. No Netty here, so all of it is tested alone.
 */
package dev.ballast.node.stats;
