package dev.ballast.node.config;

import java.time.Duration;

/**
 * Ejection of servers on real-traffic failures (nginx max_fails / fail_timeout, Envoy outlier detection).
 *
 * @param maxFails           consecutive failures that eject a server (0 = off)
 * @param failTimeout        how long an ejected server stays out (when active checks are off)
 * @param on5xx              a 5xx response counts as a failure
 * @param maxEjectionPercent at most this share of a backend is ejected at once (at least one server)
 */
public record PassiveCheckConfig(int maxFails, Duration failTimeout, boolean on5xx, int maxEjectionPercent) {
}
