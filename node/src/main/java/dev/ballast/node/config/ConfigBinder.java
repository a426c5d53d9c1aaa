package dev.ballast.node.config;

import java.util.List;
import java.util.Optional;

/** Builds the immutable typed model from values that passed validation. Reads like the records it builds. */
final class ConfigBinder {

    private final LoadContext context;

    ConfigBinder(LoadContext context) {
        this.context = context;
    }

    BallastConfig bind(Values root) {
        return new BallastConfig(
                node(root.section(NodeSchema.NODE)),
                admin(root.section(NodeSchema.ADMIN)),
                logging(root.section(NodeSchema.LOGGING)),
                root.items(FrontendSchema.FRONTENDS).stream().map(ConfigBinder::frontend).toList(),
                root.items(BackendSchema.BACKENDS).stream().map(ConfigBinder::backend).toList(),
                cluster(root.section(ClusterSchema.CLUSTER)),
                root.items(ClusterSchema.VIPS).stream().map(ConfigBinder::vip).toList(),
                dns(root.section(ClusterSchema.DNS)));
    }

    private static NodeSettings node(Values v) {
        return new NodeSettings(v.get(NodeSchema.NAME), v.get(NodeSchema.THREADS), v.get(NodeSchema.GRACEFUL_STOP));
    }

    private AdminSettings admin(Values v) {
        Optional<String> token = v.find(NodeSchema.ADMIN_TOKEN)
                .or(() -> v.find(NodeSchema.ADMIN_TOKEN_FILE).map(file -> SecretFiles.read(context.resolve(file))));
        return new AdminSettings(v.get(NodeSchema.ADMIN_ENABLED), v.get(NodeSchema.ADMIN_BIND), token);
    }

    private LoggingSettings logging(Values v) {
        return new LoggingSettings(v.get(NodeSchema.LEVEL), v.find(NodeSchema.ACCESS_LOG).map(context::resolve),
                v.get(NodeSchema.ACCESS_LOG_FORMAT));
    }

    private static FrontendConfig frontend(Values v) {
        Values forwarded = v.section(FrontendSchema.FORWARDED);
        Values timeouts = v.section(FrontendSchema.TIMEOUTS);
        Values limits = v.section(FrontendSchema.LIMITS);
        return new FrontendConfig(
                v.get(FrontendSchema.NAME),
                v.get(FrontendSchema.BIND),
                v.get(FrontendSchema.MODE),
                v.get(FrontendSchema.MAXCONN),
                v.find(FrontendSchema.DEFAULT_BACKEND),
                v.items(FrontendSchema.ROUTES).stream().map(ConfigBinder::route).toList(),
                new FrontendConfig.ForwardedHeaders(
                        forwarded.get(FrontendSchema.X_FORWARDED_FOR),
                        forwarded.get(FrontendSchema.X_FORWARDED_PROTO),
                        forwarded.get(FrontendSchema.X_FORWARDED_PORT),
                        forwarded.get(FrontendSchema.X_FORWARDED_HOST),
                        forwarded.get(FrontendSchema.X_REAL_IP)),
                new FrontendConfig.Timeouts(
                        timeouts.get(FrontendSchema.CLIENT_HEADER),
                        timeouts.get(FrontendSchema.CLIENT_IDLE),
                        timeouts.get(FrontendSchema.TUNNEL_IDLE),
                        timeouts.get(FrontendSchema.REQUEST)),
                new FrontendConfig.Limits(limits.get(FrontendSchema.MAX_REQUEST_LINE),
                        limits.get(FrontendSchema.MAX_HEADER_SIZE)));
    }

    private static RouteConfig route(Values v) {
        return new RouteConfig(
                v.get(FrontendSchema.ROUTE_BACKEND),
                v.find(FrontendSchema.HOST),
                v.find(FrontendSchema.PATH_PREFIX),
                v.find(FrontendSchema.PATH_REGEX),
                v.get(FrontendSchema.METHODS),
                v.optionalSection(FrontendSchema.HEADER).map(header -> new RouteConfig.HeaderMatch(
                        header.get(FrontendSchema.HEADER_NAME),
                        header.find(FrontendSchema.HEADER_EQUAL_TO),
                        header.find(FrontendSchema.HEADER_REGEX))));
    }

    private static BackendConfig backend(Values v) {
        Values timeouts = v.section(BackendSchema.TIMEOUTS);
        Values pool = v.section(BackendSchema.POOL);
        return new BackendConfig(
                v.get(BackendSchema.NAME),
                balance(v.section(BackendSchema.BALANCE)),
                sticky(v.section(BackendSchema.STICKY)),
                healthCheck(v.section(BackendSchema.HEALTH_CHECK)),
                passiveCheck(v.section(BackendSchema.PASSIVE_CHECK)),
                new BackendConfig.Timeouts(timeouts.get(BackendSchema.CONNECT), timeouts.get(BackendSchema.SERVER),
                        timeouts.get(BackendSchema.QUEUE)),
                new BackendConfig.Pool(pool.get(BackendSchema.MAX_IDLE_PER_SERVER), pool.get(BackendSchema.IDLE_TIMEOUT)),
                v.get(BackendSchema.RETRIES),
                v.get(BackendSchema.REDISPATCH),
                v.get(BackendSchema.ALL_BACKUPS),
                v.get(BackendSchema.PANIC_THRESHOLD),
                v.get(BackendSchema.CLUSTER_WIDE_LOAD),
                v.items(ServerSchema.SERVERS).stream().map(ConfigBinder::server).toList());
    }

    private static BalanceConfig balance(Values v) {
        return new BalanceConfig(
                v.get(BackendSchema.ALGORITHM),
                v.get(BackendSchema.HASH_KEY),
                v.find(BackendSchema.HASH_KEY_NAME),
                v.get(BackendSchema.HASH_METHOD),
                v.get(BackendSchema.TABLE_SIZE),
                v.get(BackendSchema.VIRTUAL_NODES),
                v.find(BackendSchema.BALANCE_FACTOR));
    }

    private static StickyConfig sticky(Values v) {
        return new StickyConfig(
                v.get(BackendSchema.STICKY_MODE),
                v.get(BackendSchema.COOKIE_NAME),
                v.get(BackendSchema.HTTP_ONLY),
                v.get(BackendSchema.SECURE),
                v.find(BackendSchema.DOMAIN),
                v.get(BackendSchema.MAX_IDLE),
                v.get(BackendSchema.MAX_LIFE),
                v.get(BackendSchema.MAX_ENTRIES));
    }

    private static HealthCheckConfig healthCheck(Values v) {
        return new HealthCheckConfig(
                v.get(BackendSchema.CHECK_TYPE),
                v.get(BackendSchema.INTERVAL),
                v.get(BackendSchema.FAST_INTERVAL),
                v.get(BackendSchema.DOWN_INTERVAL),
                v.get(BackendSchema.CHECK_TIMEOUT),
                v.get(BackendSchema.RISE),
                v.get(BackendSchema.FALL),
                v.get(BackendSchema.JITTER),
                v.get(BackendSchema.INITIAL_STATE),
                v.get(BackendSchema.METHOD),
                v.get(BackendSchema.CHECK_PATH),
                v.find(BackendSchema.CHECK_HOST),
                v.get(BackendSchema.EXPECT_STATUS),
                v.find(BackendSchema.EXPECT_BODY),
                v.find(BackendSchema.CHECK_PORT));
    }

    private static PassiveCheckConfig passiveCheck(Values v) {
        return new PassiveCheckConfig(
                v.get(BackendSchema.MAX_FAILS),
                v.get(BackendSchema.FAIL_TIMEOUT),
                v.get(BackendSchema.ON_5XX),
                v.get(BackendSchema.MAX_EJECTION_PERCENT));
    }

    private static ServerConfig server(Values v) {
        return new ServerConfig(
                v.get(ServerSchema.NAME),
                v.get(ServerSchema.ADDRESS),
                v.get(ServerSchema.WEIGHT),
                v.get(ServerSchema.BACKUP),
                v.get(ServerSchema.MAXCONN),
                v.get(ServerSchema.SLOWSTART),
                v.get(ServerSchema.STATE),
                v.find(ServerSchema.CHECK_PORT));
    }

    private ClusterConfig cluster(Values v) {
        return new ClusterConfig(
                v.get(ClusterSchema.ENABLED),
                v.get(ClusterSchema.NAME),
                v.get(ClusterSchema.BIND),
                v.get(ClusterSchema.PEERS),
                v.get(ClusterSchema.DISCOVERY),
                v.find(ClusterSchema.DNS_QUERY),
                v.find(ClusterSchema.SECRET_FILE).map(context::resolve),
                v.get(ClusterSchema.PROFILE),
                v.get(ClusterSchema.QUORUM),
                v.find(ClusterSchema.TIEBREAKER),
                v.get(ClusterSchema.PREEMPT),
                v.get(ClusterSchema.PRIORITY),
                v.get(ClusterSchema.MODE));
    }

    private static VipConfig vip(Values v) {
        Cidr cidr = v.get(ClusterSchema.VIP_ADDRESS);
        return new VipConfig(cidr.address(), cidr.prefix(), v.get(ClusterSchema.IFACE), v.get(ClusterSchema.VIP_MODE));
    }

    private static DnsConfig dns(Values v) {
        return new DnsConfig(v.get(ClusterSchema.DNS_ENABLED), v.get(ClusterSchema.DNS_BIND),
                v.get(ClusterSchema.DNS_NAME), v.get(ClusterSchema.TTL));
    }
}
