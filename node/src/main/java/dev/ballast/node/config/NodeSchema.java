package dev.ballast.node.config;

import static dev.ballast.node.config.ValueTypes.bindAddress;
import static dev.ballast.node.config.ValueTypes.bool;
import static dev.ballast.node.config.ValueTypes.duration;
import static dev.ballast.node.config.ValueTypes.integer;
import static dev.ballast.node.config.ValueTypes.name;
import static dev.ballast.node.config.ValueTypes.oneOf;
import static dev.ballast.node.config.ValueTypes.path;
import static dev.ballast.node.config.ValueTypes.secret;

import java.nio.file.Path;
import java.time.Duration;

import dev.ballast.node.config.LoggingSettings.AccessLogFormat;

/** The keys of the sections about this node itself: {@code node}, {@code admin} and {@code logging}. */
final class NodeSchema {

    static final Setting<String> NAME = Setting.of("name", name(), "ballast",
            "This node's name in logs and in the cluster; each node of a cluster needs its own.");
    static final Setting<Integer> THREADS = Setting.of("threads", integer(0, 1024), 0,
            "Event-loop threads; 0 means one per CPU core.");
    static final Setting<Duration> GRACEFUL_STOP = Setting.of("graceful-stop", duration(), Duration.ofSeconds(30),
            "After SIGTERM, how long in-flight requests may finish before connections are closed.");
    static final Section NODE = Section.of("node", "This node: its name and threads.", NAME, THREADS, GRACEFUL_STOP);

    static final Setting<Boolean> ADMIN_ENABLED = Setting.of("enabled", bool(), true,
            "Whether the admin HTTP API (status, metrics, actions) listens.");
    static final Setting<HostPort> ADMIN_BIND = Setting.of("bind", bindAddress(), new HostPort("127.0.0.1", 9900),
            "Where the admin API listens; keep it on loopback or a management network.");
    static final Setting<String> ADMIN_TOKEN = Setting.optional("token", secret(),
            "Bearer token every admin request but /healthz needs, best given as `${env:BALLAST_ADMIN_TOKEN}`; "
                    + "without one (nor token-file), the admin API refuses them all.");
    static final Setting<Path> ADMIN_TOKEN_FILE = Setting.optional("token-file", path(),
            "File holding the bearer token (instead of token); relative paths start at the configuration's folder.");
    static final Section ADMIN = Section.of("admin", "The admin HTTP API used by ballastctl, /metrics and /stats.",
            ADMIN_ENABLED, ADMIN_BIND, ADMIN_TOKEN, ADMIN_TOKEN_FILE);

    static final Setting<String> LEVEL = Setting.of("level", oneOf("error", "warn", "info", "debug", "trace"), "info",
            "Level of the operator's console log.");
    static final Setting<Path> ACCESS_LOG = Setting.optional("access-log", path(),
            "File the access log is appended to (one line per request, with timings); absent means the file named "
                    + "by -Dballast.access.log, or no access log.");
    static final Setting<AccessLogFormat> ACCESS_LOG_FORMAT = Setting.of("access-log-format",
            oneOf(AccessLogFormat.class), AccessLogFormat.TEXT,
            "text (one HAProxy-like line: client, frontend, backend/server, Tq/Tw/Tc/Tr/Tt, status, bytes, request) "
                    + "or json (the same fields, one object per line).");
    static final Section LOGGING = Section.of("logging", "The console log and the access log.",
            LEVEL, ACCESS_LOG, ACCESS_LOG_FORMAT);

    private NodeSchema() {
    }
}
