package dev.ballast.node.metrics;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Server;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.health.HealthState;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.stats.TrafficStats;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The node's Prometheus metrics: traffic per frontend, backend and server (from {@link TrafficStats}), health
 * changes, and gauges of each backend's and server's state read from the run-time backends at scrape time. One
 * registry per node (never the global default one); further collectors (cluster gauges) register on
 * {@link #registry()}.
 */
public final class NodeMetrics {

    /** Content type of {@link #writeTo}: the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param backends the run-time backends, in configuration order
     * @param health   each server's effective health now
     */
    public NodeMetrics(TrafficStats traffic, List<Backend> backends, Function<Server, HealthState> health) {
        List<Backend> frozen = List.copyOf(backends);
        registry.register(new TrafficCollector(traffic));
        registerBackendGauges(frozen);
        registerServerGauges(frozen, health);
    }

    private void registerBackendGauges(List<Backend> backends) {
        GaugeWithCallback.builder().name("ballast_backend_usable_servers")
                .help("Servers of the backend that take new requests now (healthy and ready).")
                .labelNames("backend")
                .callback(callback -> backends.forEach(backend -> callback.call(
                        backend.servers().stream().filter(backend::isUsable).count(), backend.name())))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_backend_queued_requests")
                .help("Requests waiting for a slot on one of the backend's servers (all at their maxconn).")
                .labelNames("backend")
                .callback(callback -> backends.forEach(backend -> callback.call(
                        backend.servers().stream().mapToInt(server -> backend.slots(server).queued()).sum(),
                        backend.name())))
                .register(registry);
    }

    private void registerServerGauges(List<Backend> backends, Function<Server, HealthState> health) {
        GaugeWithCallback.builder().name("ballast_server_queued_requests")
                .help("Requests waiting for a slot on the server (it is at its maxconn).")
                .labelNames("backend", "server")
                .callback(callback -> forEachServer(backends, (backend, server) -> callback.call(
                        backend.slots(server).queued(), backend.name(), server.name())))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_server_up")
                .help("1 when the server takes new requests (healthy and ready), else 0.")
                .labelNames("backend", "server")
                .callback(callback -> forEachServer(backends, (backend, server) -> callback.call(
                        backend.isUsable(server) ? 1 : 0, backend.name(), server.name())))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_server_health")
                .help("The server's effective health: 1 for its current state, 0 for the others.")
                .labelNames("backend", "server", "state")
                .callback(callback -> forEachServer(backends, (backend, server) -> {
                    HealthState current = health.apply(server);
                    for (HealthState state : HealthState.values()) {
                        callback.call(state == current ? 1 : 0, backend.name(), server.name(), label(state));
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_server_admin_state")
                .help("The server's admin state (ready, drain, maint): 1 for its current state, 0 for the others.")
                .labelNames("backend", "server", "state")
                .callback(callback -> forEachServer(backends, (backend, server) -> {
                    if (backend.balancer() instanceof BackendBalancer balancer) {
                        AdminState current = balancer.status(server).admin();
                        for (AdminState state : AdminState.values()) {
                            callback.call(state == current ? 1 : 0, backend.name(), server.name(), label(state));
                        }
                    }
                }))
                .register(registry);
    }

    private interface ServerAction {
        void accept(Backend backend, Server server);
    }

    private static void forEachServer(List<Backend> backends, ServerAction action) {
        for (Backend backend : backends) {
            for (Server server : backend.servers()) {
                action.accept(backend, server);
            }
        }
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Where further collectors register (e.g. the cluster's gauges). */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Writes every metric now, in the Prometheus text exposition format 0.0.4 ({@link #CONTENT_TYPE}). */
    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
