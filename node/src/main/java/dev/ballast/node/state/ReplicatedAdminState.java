package dev.ballast.node.state;

import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.TableEntry;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.health.AdminOverride;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Operator decisions on servers (drain / maint, weight, forced health) shared by every cluster member through a
 * {@link ReplicatedTable}, so that an action taken on any node applies on all and survives the failover or restart of
 * single nodes: a restarted node receives the cluster's table when it joins and applies {@link #all()}.
 * <p>
 * Each attribute of each server is its own entry, newest decision wins per attribute: a drain on one node and a
 * weight change on another, made at the same time, both stand. Entries never expire; clearing one (back to the
 * configuration) leaves a tombstone. Decisions may name servers the local configuration lacks (another node's
 * newer configuration); applying them is the caller's choice.
 */
public final class ReplicatedAdminState {

    /** One attribute an operator can set on a server. */
    public enum Attribute { ADMIN_STATE, WEIGHT, HEALTH }

    /**
     * A decision, or its removal.
     *
     * @param value the attribute's value ({@link AdminState}, weight as an Integer, or {@link AdminOverride}); empty:
     *              cleared, the configuration applies again
     */
    public record Change(String backend, String server, Attribute attribute, Optional<Object> value) {
    }

    private static final char SEPARATOR = '\u001f'; // ASCII unit separator: never in a backend or server name

    private final ReplicatedTable table;

    /** @param table a table of never-expiring entries, e.g. {@code TableSettings.of("admin-state", 100_000)} */
    public ReplicatedAdminState(ReplicatedTable table) {
        this.table = table;
    }

    /** Calls {@code listener} (on a cluster thread; it must return quickly) for each decision made on another node. */
    public void onRemoteChange(Consumer<Change> listener) {
        table.onRemoteChange(entry -> listener.accept(decode(entry)));
    }

    public void setAdminState(String backend, String server, AdminState state) {
        put(backend, server, Attribute.ADMIN_STATE, state.name());
    }

    public void setWeight(String backend, String server, int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("weight of " + backend + "/" + server + " must be >= 0, got " + weight);
        }
        put(backend, server, Attribute.WEIGHT, String.valueOf(weight));
    }

    public void forceHealth(String backend, String server, AdminOverride override) {
        put(backend, server, Attribute.HEALTH, override.name());
    }

    /** Clears a decision (the configuration applies again); returns whether there was one. */
    public boolean clear(String backend, String server, Attribute attribute) {
        return table.remove(key(backend, server, attribute));
    }

    public Optional<AdminState> adminState(String backend, String server) {
        return value(backend, server, Attribute.ADMIN_STATE).map(AdminState.class::cast);
    }

    public Optional<Integer> weight(String backend, String server) {
        return value(backend, server, Attribute.WEIGHT).map(Integer.class::cast);
    }

    public Optional<AdminOverride> health(String backend, String server) {
        return value(backend, server, Attribute.HEALTH).map(AdminOverride.class::cast);
    }

    /** Every decision in force, e.g. to apply after joining. */
    public List<Change> all() {
        List<Change> changes = new ArrayList<>();
        for (TableEntry entry : table.entries()) {
            changes.add(decode(entry));
        }
        return changes;
    }

    private void put(String backend, String server, Attribute attribute, String value) {
        table.put(key(backend, server, attribute), value.getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE);
    }

    private Optional<Object> value(String backend, String server, Attribute attribute) {
        TableEntry entry = table.get(key(backend, server, attribute));
        return entry == null ? Optional.empty() : decode(entry).value();
    }

    private static String key(String backend, String server, Attribute attribute) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(server, "server");
        return backend + SEPARATOR + server + SEPARATOR + attribute.name();
    }

    private static Change decode(TableEntry entry) {
        String[] parts = entry.key().split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an admin-state key: " + entry.key());
        }
        Attribute attribute = Attribute.valueOf(parts[2]);
        if (entry.isTombstone()) {
            return new Change(parts[0], parts[1], attribute, Optional.empty());
        }
        String text = new String(entry.value(), StandardCharsets.UTF_8);
        Object value = switch (attribute) {
            case ADMIN_STATE -> AdminState.valueOf(text);
            case WEIGHT -> Integer.valueOf(text);
            case HEALTH -> AdminOverride.valueOf(text);
        };
        return new Change(parts[0], parts[1], attribute, Optional.of(value));
    }
}
