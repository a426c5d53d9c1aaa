package dev.ballast.node.config;

import static dev.ballast.node.config.ValueTypes.bindAddress;
import static dev.ballast.node.config.ValueTypes.bool;
import static dev.ballast.node.config.ValueTypes.duration;
import static dev.ballast.node.config.ValueTypes.hostPattern;
import static dev.ballast.node.config.ValueTypes.integer;
import static dev.ballast.node.config.ValueTypes.name;
import static dev.ballast.node.config.ValueTypes.oneOf;
import static dev.ballast.node.config.ValueTypes.regex;
import static dev.ballast.node.config.ValueTypes.size;
import static dev.ballast.node.config.ValueTypes.string;
import static dev.ballast.node.config.ValueTypes.token;
import static dev.ballast.node.config.ValueTypes.urlPath;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import dev.ballast.node.config.FrontendConfig.Mode;

/** The keys of {@code frontends}: listeners, their routes, proxy headers, timeouts and limits. */
final class FrontendSchema {

    static final Setting<String> NAME = Setting.required("name", name(), "Unique name of the frontend.");
    static final Setting<HostPort> BIND = Setting.required("bind", bindAddress(),
            "Address and port to listen on, e.g. `0.0.0.0:80` or `[::]:80`.");
    static final Setting<Mode> MODE = Setting.of("mode", oneOf(Mode.class), Mode.HTTP,
            "http (L7 reverse proxy with routes) or tcp (L4 byte proxy).");
    static final Setting<Integer> MAXCONN = Setting.of("maxconn", integer(0, 10_000_000), 0,
            "Concurrent client connections; beyond it accepting pauses (0 = unlimited).");
    static final Setting<String> DEFAULT_BACKEND = Setting.optional("default-backend", name(),
            "Backend for requests no route matches (required in tcp mode); without it they get 404.");

    static final Setting<String> ROUTE_BACKEND = Setting.required("backend", name(),
            "Backend that serves requests matching this route.");
    static final Setting<String> HOST = Setting.optional("host", hostPattern(),
            "Host header equals this (port ignored, case-insensitive); `*.example.com` matches any subdomain.");
    static final Setting<String> PATH_PREFIX = Setting.optional("path-prefix", urlPath(), "Path starts with this.");
    static final Setting<Pattern> PATH_REGEX = Setting.optional("path-regex", regex(),
            "Path matches this regular expression (found anywhere unless anchored with `^` and `$`).");
    static final Setting<List<String>> METHODS = Setting.list("methods", token("method"),
            "Method is one of these (empty = any).");
    static final Setting<String> HEADER_NAME = Setting.required("name", token("header name"),
            "Header that must be present.");
    static final Setting<String> HEADER_EQUAL_TO = Setting.optional("equal-to", string(),
            "The header's value equals this.");
    static final Setting<Pattern> HEADER_REGEX = Setting.optional("regex", regex(),
            "The header's value matches this regular expression.");
    static final Section HEADER = Section.optional("header", "A header condition of a route (all given parts must hold).",
            HEADER_NAME, HEADER_EQUAL_TO, HEADER_REGEX);
    static final ItemList ROUTES = ItemList.indexed("routes",
            "Ordered routing rules of an http frontend: the first route whose conditions all match wins.", "route",
            ROUTE_BACKEND, HOST, PATH_PREFIX, PATH_REGEX, METHODS, HEADER);

    static final Setting<Boolean> X_FORWARDED_FOR = Setting.of("x-forwarded-for", bool(), true,
            "Append the client address to X-Forwarded-For.");
    static final Setting<Boolean> X_FORWARDED_PROTO = Setting.of("x-forwarded-proto", bool(), true,
            "Set X-Forwarded-Proto (http or https).");
    static final Setting<Boolean> X_FORWARDED_PORT = Setting.of("x-forwarded-port", bool(), true,
            "Set X-Forwarded-Port to the port the client connected to.");
    static final Setting<Boolean> X_FORWARDED_HOST = Setting.of("x-forwarded-host", bool(), false,
            "Set X-Forwarded-Host to the original Host header.");
    static final Setting<Boolean> X_REAL_IP = Setting.of("x-real-ip", bool(), true,
            "Set X-Real-IP to the client address.");
    static final Section FORWARDED = Section.of("forwarded", "Proxy headers added to requests (http mode).",
            X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_PORT, X_FORWARDED_HOST, X_REAL_IP);

    static final Setting<Duration> CLIENT_HEADER = Setting.of("client-header", duration(), Duration.ofSeconds(10),
            "Time a client has to send a whole request head (slowloris protection).");
    static final Setting<Duration> CLIENT_IDLE = Setting.of("client-idle", duration(), Duration.ofSeconds(60),
            "Time an idle keep-alive client connection is kept open.");
    static final Setting<Duration> TUNNEL_IDLE = Setting.of("tunnel-idle", duration(), Duration.ofHours(1),
            "Idle time of a WebSocket/Upgrade tunnel or a tcp-mode connection.");
    static final Setting<Duration> REQUEST = Setting.of("request", duration(), Duration.ZERO,
            "Total time for one request and its response (0 = no limit).");
    static final Section TIMEOUTS = Section.of("timeouts", "Client-side timeouts of a frontend.",
            CLIENT_HEADER, CLIENT_IDLE, TUNNEL_IDLE, REQUEST);

    static final Setting<Integer> MAX_REQUEST_LINE = Setting.of("max-request-line", size(), 8 * 1024,
            "Longest request line accepted; a longer one is refused (431) and the connection closed.");
    static final Setting<Integer> MAX_HEADER_SIZE = Setting.of("max-header-size", size(), 32 * 1024,
            "Largest header section accepted; a larger one is refused (431) and the connection closed.");
    static final Section LIMITS = Section.of("limits", "Request size limits (http mode).",
            MAX_REQUEST_LINE, MAX_HEADER_SIZE);

    static final ItemList FRONTENDS = ItemList.named("frontends", "Listeners and how their traffic is routed.",
            "frontend", NAME, 1, BIND, MODE, MAXCONN, DEFAULT_BACKEND, ROUTES, FORWARDED, TIMEOUTS, LIMITS);

    private FrontendSchema() {
    }
}
