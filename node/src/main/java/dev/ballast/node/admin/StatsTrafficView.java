package dev.ballast.node.admin;

import dev.ballast.node.stats.ErrorKind;
import dev.ballast.node.stats.StatusClass;
import dev.ballast.node.stats.TrafficSnapshot;
import dev.ballast.node.stats.TrafficStats;

import java.util.Optional;

/** The admin API's traffic numbers, read from the data plane's {@link TrafficStats}. */
final class StatsTrafficView implements TrafficView {

    private final TrafficStats stats;

    StatsTrafficView(TrafficStats stats) {
        this.stats = stats;
    }

    @Override
    public Optional<ServerTraffic> server(String backend, String server) {
        return stats.backends().stream()
                .filter(traffic -> traffic.name().equals(backend))
                .flatMap(traffic -> traffic.serverSnapshots().stream())
                .filter(snapshot -> snapshot.name().equals(server))
                .findFirst()
                .map(StatsTrafficView::traffic);
    }

    private static ServerTraffic traffic(TrafficSnapshot snapshot) {
        return new ServerTraffic(snapshot.requests(), snapshot.requestsPerSecond(),
                new Responses(snapshot.responses(StatusClass.SUCCESS), snapshot.responses(StatusClass.REDIRECTION),
                        snapshot.responses(StatusClass.CLIENT_ERROR), snapshot.responses(StatusClass.SERVER_ERROR)),
                new Errors(snapshot.errors(ErrorKind.CONNECT), snapshot.errors(ErrorKind.TIMEOUT),
                        snapshot.errors(ErrorKind.OTHER)),
                new Latency(snapshot.latency().p50Ms(), snapshot.latency().p95Ms(), snapshot.latency().p99Ms()));
    }
}
