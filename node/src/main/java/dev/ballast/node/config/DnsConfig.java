package dev.ballast.node.config;

import java.time.Duration;

/**
 * The small authoritative DNS responder of active-active mode.
 *
 * @param name the service name answered with the live VIPs
 * @param ttl  TTL of the answers
 */
public record DnsConfig(boolean enabled, HostPort bind, String name, Duration ttl) {
}
