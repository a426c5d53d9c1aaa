package dev.ballast.node.config;

import static dev.ballast.node.config.ValueTypes.bool;
import static dev.ballast.node.config.ValueTypes.duration;
import static dev.ballast.node.config.ValueTypes.integer;
import static dev.ballast.node.config.ValueTypes.name;
import static dev.ballast.node.config.ValueTypes.number;
import static dev.ballast.node.config.ValueTypes.oneOf;
import static dev.ballast.node.config.ValueTypes.prime;
import static dev.ballast.node.config.ValueTypes.string;
import static dev.ballast.node.config.ValueTypes.token;
import static dev.ballast.node.config.ValueTypes.urlPath;

import java.time.Duration;
import java.util.List;

import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.BalanceConfig.HashKey;
import dev.ballast.node.config.BalanceConfig.HashMethod;
import dev.ballast.node.config.HealthCheckConfig.InitialState;
import dev.ballast.node.config.HealthCheckConfig.StatusRange;
import dev.ballast.node.config.HealthCheckConfig.Type;
import dev.ballast.node.config.StickyConfig.Mode;

/** The keys of {@code backends}: balancing, stickiness, health checks, timeouts, pooling and servers. */
final class BackendSchema {

    static final Setting<String> NAME = Setting.required("name", name(), "Unique name of the backend.");

    static final Setting<Algorithm> ALGORITHM = Setting.of("algorithm", oneOf(Algorithm.class), Algorithm.ROUNDROBIN,
            "How a server is chosen: smooth weighted round robin, static round robin, least connections, random, "
                    + "power of two choices, source-IP hash or consistent hash on hash-key.");
    static final Setting<HashKey> HASH_KEY = Setting.of("hash-key", oneOf(HashKey.class), HashKey.SOURCE,
            "For algorithm hash: what is hashed.");
    static final Setting<String> HASH_KEY_NAME = Setting.optional("hash-key-name", string(),
            "For hash-key header, cookie or query: the header, cookie or query parameter name.");
    static final Setting<HashMethod> HASH_METHOD = Setting.of("hash-method", oneOf(HashMethod.class), HashMethod.RING,
            "For algorithm hash: consistent-hash ring with virtual nodes, or Maglev lookup table.");
    static final Setting<Integer> TABLE_SIZE = Setting.of("table-size", prime(7, 10_000_019), 65_537,
            "Maglev table size: a prime, much larger than the number of servers.");
    static final Setting<Integer> VIRTUAL_NODES = Setting.of("virtual-nodes", integer(1, 10_000), 160,
            "Ring points per unit of server weight.");
    static final Setting<Double> BALANCE_FACTOR = Setting.optional("balance-factor", number(1.0, 100.0),
            "Bounded-load factor for consistent hashing (e.g. 1.25): no server takes more than this times the average.");
    static final Section BALANCE = Section.of("balance", "How a backend spreads requests over its servers.",
            ALGORITHM, HASH_KEY, HASH_KEY_NAME, HASH_METHOD, TABLE_SIZE, VIRTUAL_NODES, BALANCE_FACTOR);

    static final Setting<Mode> STICKY_MODE = Setting.of("mode", oneOf(Mode.class), Mode.NONE,
            "none, cookie (an inserted cookie naming the server opaquely; http only) or source (client-IP affinity).");
    static final Setting<String> COOKIE_NAME = Setting.of("cookie-name", token("cookie name"), "SERVERID",
            "Name of the inserted cookie.");
    static final Setting<Boolean> HTTP_ONLY = Setting.of("http-only", bool(), true,
            "Mark the cookie HttpOnly.");
    static final Setting<Boolean> SECURE = Setting.of("secure", bool(), false, "Mark the cookie Secure.");
    static final Setting<String> DOMAIN = Setting.optional("domain", string(), "Domain attribute of the cookie.");
    static final Setting<Duration> MAX_IDLE = Setting.of("max-idle", duration(), Duration.ofMinutes(30),
            "A session unused this long is forgotten.");
    static final Setting<Duration> MAX_LIFE = Setting.of("max-life", duration(), Duration.ZERO,
            "A session older than this is forgotten, used or not (0 = no limit).");
    static final Setting<Integer> MAX_ENTRIES = Setting.of("max-entries", integer(1, 100_000_000), 100_000,
            "Sessions remembered at most; the least recently used are evicted beyond it.");
    static final Section STICKY = Section.of("sticky", "Session stickiness, replicated across the cluster.",
            STICKY_MODE, COOKIE_NAME, HTTP_ONLY, SECURE, DOMAIN, MAX_IDLE, MAX_LIFE, MAX_ENTRIES);

    static final Setting<Type> CHECK_TYPE = Setting.of("type", oneOf(Type.class), Type.TCP,
            "none, tcp (a connect succeeds) or http (a request gets an expected status).");
    static final Setting<Duration> INTERVAL = Setting.of("interval", duration(), Duration.ofSeconds(2),
            "Time between checks of a server that is up (HAProxy inter).");
    static final Setting<Duration> FAST_INTERVAL = Setting.of("fast-interval", duration(), Duration.ofSeconds(1),
            "Time between checks while a server is changing state (HAProxy fastinter).");
    static final Setting<Duration> DOWN_INTERVAL = Setting.of("down-interval", duration(), Duration.ofSeconds(2),
            "Time between checks of a server that is down (HAProxy downinter).");
    static final Setting<Duration> CHECK_TIMEOUT = Setting.of("timeout", duration(), Duration.ofSeconds(1),
            "Time a check may take before it counts as failed.");
    static final Setting<Integer> RISE = Setting.of("rise", integer(1, 100), 2,
            "Consecutive successes that bring a server up.");
    static final Setting<Integer> FALL = Setting.of("fall", integer(1, 100), 3,
            "Consecutive failures that take a server down.");
    static final Setting<Double> JITTER = Setting.of("jitter", number(0, 1), 0.1,
            "Fraction by which each interval is randomly spread, so checks do not arrive in bursts.");
    static final Setting<InitialState> INITIAL_STATE = Setting.of("initial-state", oneOf(InitialState.class),
            InitialState.UP, "State of a server before its first verdict.");
    static final Setting<String> METHOD = Setting.of("method", token("method"), "GET", "Method of http checks.");
    static final Setting<String> CHECK_PATH = Setting.of("path", urlPath(), "/", "Path of http checks.");
    static final Setting<String> CHECK_HOST = Setting.optional("host", string(),
            "Host header of http checks; absent means the server's address.");
    static final Setting<List<StatusRange>> EXPECT_STATUS = Setting.of("expect-status",
            ValueTypes.listOf(ValueTypes.statusRange()), List.of(new StatusRange(200, 399)),
            "Status codes or ranges an http check accepts, e.g. [200, 204] or 200-299.");
    static final Setting<String> EXPECT_BODY = Setting.optional("expect-body", string(),
            "The response body of an http check must contain this.");
    static final Setting<Integer> CHECK_PORT = Setting.optional("port", integer(1, 65535),
            "Check this port instead of each server's own (a server's check-port wins).");
    static final Section HEALTH_CHECK = Section.of("health-check", "Active health checks of a backend's servers.",
            CHECK_TYPE, INTERVAL, FAST_INTERVAL, DOWN_INTERVAL, CHECK_TIMEOUT, RISE, FALL, JITTER, INITIAL_STATE, METHOD,
            CHECK_PATH, CHECK_HOST, EXPECT_STATUS, EXPECT_BODY, CHECK_PORT);

    static final Setting<Integer> MAX_FAILS = Setting.of("max-fails", integer(0, 1000), 3,
            "Consecutive failures on real traffic that eject a server (0 = off).");
    static final Setting<Duration> FAIL_TIMEOUT = Setting.of("fail-timeout", duration(), Duration.ofSeconds(10),
            "How long an ejected server stays out when active checks are off.");
    static final Setting<Boolean> ON_5XX = Setting.of("on-5xx", bool(), false,
            "A 5xx response counts as a failure (otherwise only connect errors and timeouts do).");
    static final Setting<Integer> MAX_EJECTION_PERCENT = Setting.of("max-ejection-percent", integer(0, 100), 50,
            "At most this share of a backend's servers is ejected at once (at least one server).");
    static final Section PASSIVE_CHECK = Section.of("passive-check",
            "Ejection of servers that fail real traffic (nginx max_fails, Envoy outlier detection).",
            MAX_FAILS, FAIL_TIMEOUT, ON_5XX, MAX_EJECTION_PERCENT);

    static final Setting<Duration> CONNECT = Setting.of("connect", duration(), Duration.ofSeconds(5),
            "Time to establish a connection to a server.");
    static final Setting<Duration> SERVER = Setting.of("server", duration(), Duration.ofSeconds(30),
            "Time to wait for a server's response head, and between response bytes.");
    static final Setting<Duration> QUEUE = Setting.of("queue", duration(), Duration.ofSeconds(5),
            "Time a request may wait for a server below its maxconn before it gets 503.");
    static final Section TIMEOUTS = Section.of("timeouts", "Server-side timeouts of a backend.", CONNECT, SERVER, QUEUE);

    static final Setting<Integer> MAX_IDLE_PER_SERVER = Setting.of("max-idle-per-server", integer(0, 10_000), 1024,
            "Idle keep-alive connections kept per server and event loop; as many as clients use at once "
                    + "spares a new server connection per request under high concurrency.");
    static final Setting<Duration> IDLE_TIMEOUT = Setting.of("idle-timeout", duration(), Duration.ofSeconds(60),
            "How long an idle pooled connection is kept.");
    static final Section POOL = Section.of("pool", "Keep-alive connections to servers.",
            MAX_IDLE_PER_SERVER, IDLE_TIMEOUT);

    static final Setting<Integer> RETRIES = Setting.of("retries", integer(0, 10), 2,
            "Retries of a failed connect, or of an idempotent request that failed before any response byte.");
    static final Setting<Boolean> REDISPATCH = Setting.of("redispatch", bool(), true,
            "Retries go to another server rather than the same one (HAProxy option redispatch).");
    static final Setting<Boolean> ALL_BACKUPS = Setting.of("all-backups", bool(), false,
            "When no primary server is usable, balance over all backups instead of only the first.");
    static final Setting<Integer> PANIC_THRESHOLD = Setting.of("panic-threshold", integer(0, 100), 0,
            "Below this percentage of usable servers, balance over all of them, healthy or not (0 = never).");
    static final Setting<Boolean> CLUSTER_WIDE_LOAD = Setting.of("cluster-wide-load", bool(), false,
            "leastconn and p2c count the requests in flight from every node of the cluster, not only this one's "
                    + "(active-active); each node reports its counts a few times a second. No effect without a "
                    + "cluster; maxconn stays a per-node limit.");

    static final ItemList BACKENDS = ItemList.named("backends", "Pools of servers and how traffic is spread over them.",
            "backend", NAME, 1, BALANCE, STICKY, HEALTH_CHECK, PASSIVE_CHECK, TIMEOUTS, POOL, RETRIES, REDISPATCH,
            ALL_BACKUPS, PANIC_THRESHOLD, CLUSTER_WIDE_LOAD, ServerSchema.SERVERS);

    private BackendSchema() {
    }
}
