package dev.ballast.node.health;

import dev.ballast.node.balance.Server;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every change a checker announces, with the time it arrived. */
final class RecordingListener implements HealthListener {

    record Heard(HealthChange change, long atNanos) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    @Override
    public void healthChanged(Server server, HealthState from, HealthState to, String reason) {
        heard.add(new Heard(new HealthChange(server, from, to, reason), System.nanoTime()));
    }

    /** The latest change of {@code server} to {@code state}, if any. */
    Optional<Heard> last(String server, HealthState state) {
        for (int i = heard.size() - 1; i >= 0; i--) {
            Heard h = heard.get(i);
            if (h.change().server().name().equals(server) && h.change().to() == state) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    List<HealthChange> changes() {
        return heard.stream().map(Heard::change).toList();
    }
}
