package dev.ballast.node.state;

import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.TableEntry;
import dev.ballast.cluster.replication.TableSettings;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.health.AdminOverride;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

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
 * newer configuration); applying them is the caller's choice. An entry this version cannot read (written by a
 * newer version of Ballast, say) is logged and skipped, never applied half.
 */
public final class ReplicatedAdminState {

    private static final Logger LOG = LogManager.getLogger(ReplicatedAdminState.class);

    /** The table's name and bound, the same on every node; register it before the cluster member starts. */
    public static final TableSettings TABLE = TableSettings.of("admin-state", 100_000);

    /** One attribute an operator can set on a server. */
    public enum Attribute { ADMIN_STATE, WEIGHT, HEALTH }

    /**
     * A decision, or its removal.
     *
     * @param value     the attribute's value ({@link AdminState}, weight as an Integer, or {@link AdminOverride}
     *                  FORCE_UP / FORCE_DOWN); empty: cleared, the configuration applies again
     * @param decidedBy the node the decision (or its removal) was made on
     */
    public record Change(String backend, String server, Attribute attribute, Optional<Object> value,
                         String decidedBy) {
    }

    private static final char SEPARATOR = '\u001f'; // ASCII unit separator: never in a backend or server name

    private final ReplicatedTable table;

    /** @param table a table of never-expiring entries, normally registered with {@link #TABLE} */
    public ReplicatedAdminState(ReplicatedTable table) {
        this.table = table;
    }

    /**
     * Calls {@code listener} (on a cluster thread; it must return quickly) for each decision made on another node
     * and merged here. Two changes of one attribute may reach the listener out of order: read the decision in force
     * with {@link #decision} rather than trusting the change's value to be the latest.
     */
    public void onRemoteChange(Consumer<Change> listener) {
        table.onRemoteChange(entry -> decode(entry).ifPresent(listener));
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

    /** @param override FORCE_UP or FORCE_DOWN (maintenance is an admin state, set with {@link #setAdminState}) */
    public void forceHealth(String backend, String server, AdminOverride override) {
        if (override == AdminOverride.MAINT) {
            throw new IllegalArgumentException("maintenance of " + backend + "/" + server
                    + " is an admin state, not a forced health");
        }
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

    /** The decision in force on one attribute of one server; empty when there is none (never made or cleared). */
    public Optional<Change> decision(String backend, String server, Attribute attribute) {
        TableEntry entry = table.get(key(backend, server, attribute));
        return entry == null ? Optional.empty() : decode(entry);
    }

    /** Every decision in force, e.g. to apply after joining. */
    public List<Change> all() {
        List<Change> changes = new ArrayList<>();
        for (TableEntry entry : table.entries()) {
            decode(entry).ifPresent(changes::add);
        }
        return changes;
    }

    private void put(String backend, String server, Attribute attribute, String value) {
        table.put(key(backend, server, attribute), value.getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE);
    }

    private Optional<Object> value(String backend, String server, Attribute attribute) {
        return decision(backend, server, attribute).flatMap(Change::value);
    }

    private static String key(String backend, String server, Attribute attribute) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(server, "server");
        return backend + SEPARATOR + server + SEPARATOR + attribute.name();
    }

    /** The entry as a change; empty (logged) when this version cannot read it. */
    private static Optional<Change> decode(TableEntry entry) {
        try {
            return Optional.of(parse(entry));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping the admin-state entry {} from node {}: {}", entry.key().replace(SEPARATOR, '/'),
                    entry.version().origin(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Change parse(TableEntry entry) {
        String[] parts = entry.key().split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an admin-state key");
        }
        Attribute attribute = Attribute.valueOf(parts[2]);
        String origin = entry.version().origin();
        if (entry.isTombstone()) {
            return new Change(parts[0], parts[1], attribute, Optional.empty(), origin);
        }
        String text = new String(entry.value(), StandardCharsets.UTF_8);
        Object value = switch (attribute) {
            case ADMIN_STATE -> AdminState.valueOf(text);
            case WEIGHT -> Integer.valueOf(text);
            case HEALTH -> forcedHealth(text);
        };
        return new Change(parts[0], parts[1], attribute, Optional.of(value), origin);
    }

    private static AdminOverride forcedHealth(String text) {
        AdminOverride override = AdminOverride.valueOf(text);
        if (override == AdminOverride.MAINT) {
            throw new IllegalArgumentException("a forced health of MAINT is not a decision this version makes");
        }
        return override;
    }
}
