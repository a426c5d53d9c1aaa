package dev.ballast.node.config;

import java.util.List;
import java.util.Optional;

/**
 * One listener and how its traffic is routed.
 *
 * @param mode           http (L7 reverse proxy) or tcp (L4 byte proxy)
 * @param maxconn        concurrent client connections; beyond it accepting pauses (0 = unlimited)
 * @param defaultBackend backend for requests no route matches; without it they get 404
 * @param routes         ordered rules, first match wins (http mode only)
 */
public record FrontendConfig(
        String name,
        HostPort bind,
        Mode mode,
        int maxconn,
        Optional<String> defaultBackend,
        List<RouteConfig> routes,
        ForwardedHeaders forwarded,
        Timeouts timeouts,
        Limits limits) {

    public FrontendConfig {
        routes = List.copyOf(routes);
    }

    public enum Mode { HTTP, TCP }

    /** Which proxy headers are added to requests (each switchable). */
    public record ForwardedHeaders(boolean xForwardedFor, boolean xForwardedProto, boolean xForwardedPort,
                                   boolean xForwardedHost, boolean xRealIp) {
    }

    /**
     * @param clientHeader time a client has to send a whole request head (slowloris)
     * @param clientIdle   time an idle keep-alive client connection is kept
     * @param tunnelIdle   idle time of an upgraded (WebSocket) or tcp-mode connection
     * @param request      total time for one request and its response; 0 = no limit
     */
    public record Timeouts(java.time.Duration clientHeader, java.time.Duration clientIdle,
                           java.time.Duration tunnelIdle, java.time.Duration request) {
    }

    /**
     * @param maxRequestLine bytes in the request line
     * @param maxHeaderSize  bytes in the whole header section
     */
    public record Limits(int maxRequestLine, int maxHeaderSize) {
    }
}
