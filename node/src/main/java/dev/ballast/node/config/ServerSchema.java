package dev.ballast.node.config;

import static dev.ballast.node.config.ValueTypes.bool;
import static dev.ballast.node.config.ValueTypes.duration;
import static dev.ballast.node.config.ValueTypes.integer;
import static dev.ballast.node.config.ValueTypes.name;
import static dev.ballast.node.config.ValueTypes.oneOf;
import static dev.ballast.node.config.ValueTypes.targetAddress;

import java.time.Duration;

import dev.ballast.node.config.ServerConfig.AdminState;

/** The keys of a backend's {@code servers}. */
final class ServerSchema {

    static final Setting<String> NAME = Setting.required("name", name(),
            "Stable name, unique in its backend; sticky cookies and hash tables use it, never the address.");
    static final Setting<HostPort> ADDRESS = Setting.required("address", targetAddress(),
            "host:port of the server.");
    static final Setting<Integer> WEIGHT = Setting.of("weight", integer(0, 256), 1,
            "Relative share of traffic (0 = no new sessions); changeable at run time.");
    static final Setting<Boolean> BACKUP = Setting.of("backup", bool(), false,
            "Used only when no non-backup server is usable.");
    static final Setting<Integer> MAXCONN = Setting.of("maxconn", integer(0, 1_000_000), 0,
            "Concurrent requests; beyond it requests queue (0 = unlimited).");
    static final Setting<Duration> SLOWSTART = Setting.of("slowstart", duration(), Duration.ZERO,
            "After coming up, the weight ramps from 0 to full over this time (0 = at once).");
    static final Setting<AdminState> STATE = Setting.of("state", oneOf(AdminState.class), AdminState.READY,
            "Initial admin state: ready, drain (sticky clients and in-flight only) or maint (no traffic).");
    static final Setting<Integer> CHECK_PORT = Setting.optional("check-port", integer(1, 65535),
            "Health-check this port instead of the server's.");

    static final ItemList SERVERS = ItemList.named("servers", "The servers of a backend.", "server", NAME, 1,
            ADDRESS, WEIGHT, BACKUP, MAXCONN, SLOWSTART, STATE, CHECK_PORT);

    private ServerSchema() {
    }
}
