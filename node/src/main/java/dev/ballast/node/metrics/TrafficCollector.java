package dev.ballast.node.metrics;

import dev.ballast.node.stats.BackendTraffic;
import dev.ballast.node.stats.ErrorKind;
import dev.ballast.node.stats.HealthTransitions;
import dev.ballast.node.stats.LatencyBuckets;
import dev.ballast.node.stats.LatencySnapshot;
import dev.ballast.node.stats.StatusClass;
import dev.ballast.node.stats.TrafficSnapshot;
import dev.ballast.node.stats.TrafficStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exposes the {@link TrafficStats} as Prometheus counters, gauges and histograms, from one snapshot of each
 * frontend, backend and server per scrape: the statistics stay the one source of truth.
 */
final class TrafficCollector implements MultiCollector {

    private static final StatusClass[] STATUS_CLASSES = StatusClass.values();
    private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();

    private final TrafficStats traffic;

    TrafficCollector(TrafficStats traffic) {
        this.traffic = traffic;
    }

    /** The series of one scope kind (frontend, backend or server), filled scope by scope. */
    private static final class Family {
        final String prefix;
        final boolean withErrors;
        final String latencyName;
        final String latencyHelp;
        final CounterSnapshot.Builder requests;
        final CounterSnapshot.Builder responses;
        final CounterSnapshot.Builder errors;
        final GaugeSnapshot.Builder active;
        final HistogramSnapshot.Builder latency;

        Family(String scope, boolean withErrors, String latencyName, String latencyHelp) {
            this.prefix = "ballast_" + scope + "_";
            this.withErrors = withErrors;
            this.latencyName = latencyName;
            this.latencyHelp = latencyHelp;
            boolean server = scope.equals("server");
            requests = CounterSnapshot.builder().name(prefix + "requests")
                    .help(server ? "Attempts sent to this server (a retried request counts on each server tried)."
                            : "Requests that reached this " + scope + ".");
            responses = CounterSnapshot.builder().name(prefix + "responses")
                    .help(server ? "Responses this server sent, by status class."
                            : "Responses sent to clients for requests of this " + scope + ", by status class.");
            errors = CounterSnapshot.builder().name(prefix + "errors")
                    .help("Failed attempts to get a response from a server, by kind (connect, timeout, other).");
            active = GaugeSnapshot.builder().name(prefix + "active_requests")
                    .help("Requests of this " + scope + " in progress.");
            latency = HistogramSnapshot.builder().name(prefix + latencyName).help(latencyHelp);
        }

        void add(Labels labels, TrafficSnapshot snapshot) {
            requests.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(snapshot.requests()).build());
            for (StatusClass statusClass : STATUS_CLASSES) {
                responses.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(labels.add("code", statusClass.label()))
                        .value(snapshot.responses(statusClass)).build());
            }
            if (withErrors) {
                for (ErrorKind kind : ERROR_KINDS) {
                    errors.dataPoint(CounterDataPointSnapshot.builder()
                            .labels(labels.add("kind", kind.label()))
                            .value(snapshot.errors(kind)).build());
                }
            }
            active.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(snapshot.active()).build());
            latency.dataPoint(histogram(labels, snapshot.latency()));
        }

        void addTo(List<io.prometheus.metrics.model.snapshots.MetricSnapshot> out) {
            out.add(requests.build());
            out.add(responses.build());
            if (withErrors) {
                out.add(errors.build());
            }
            out.add(active.build());
            out.add(latency.build());
        }
    }

    private static HistogramDataPointSnapshot histogram(Labels labels, LatencySnapshot latency) {
        long[] counts = latency.bucketCounts();
        double[] bounds = new double[counts.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = LatencyBuckets.upperBoundSeconds(i);
        }
        return HistogramDataPointSnapshot.builder()
                .labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                .sum(latency.sumSeconds())
                .build();
    }

    @Override
    public MetricSnapshots collect() {
        Family frontends = new Family("frontend", false, "request_duration_seconds",
                "Time from a request's first byte to the end of its response (Tt), for answered requests.");
        Family backends = new Family("backend", true, "response_duration_seconds",
                "Time from the server connection being ready to the server's response head (Tr).");
        Family servers = new Family("server", true, "response_duration_seconds",
                "Time from the server connection being ready to the server's response head (Tr).");
        for (TrafficSnapshot frontend : traffic.frontendSnapshots()) {
            frontends.add(Labels.of("frontend", frontend.name()), frontend);
        }
        for (BackendTraffic backend : traffic.backends()) {
            backends.add(Labels.of("backend", backend.name()), backend.snapshot());
            for (TrafficSnapshot server : backend.serverSnapshots()) {
                servers.add(Labels.of("backend", backend.name(), "server", server.name()), server);
            }
        }
        List<io.prometheus.metrics.model.snapshots.MetricSnapshot> out = new ArrayList<>();
        frontends.addTo(out);
        backends.addTo(out);
        servers.addTo(out);
        out.add(healthChanges());
        return new MetricSnapshots(out);
    }

    private CounterSnapshot healthChanges() {
        CounterSnapshot.Builder changes = CounterSnapshot.builder().name("ballast_server_health_changes")
                .help("Changes of a server's effective health, by the state it changed to.");
        for (HealthTransitions.Count count : traffic.healthTransitions().counts()) {
            changes.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(Labels.of("backend", count.backend(), "server", count.server(),
                            "to", count.to().name().toLowerCase(Locale.ROOT)))
                    .value(count.count()).build());
        }
        return changes.build();
    }
}
