package dev.ballast.node.config;

import java.time.Duration;

/**
 * @param name         this node's name in the cluster and in logs
 * @param threads      event-loop threads; 0 means one per core
 * @param gracefulStop how long in-flight requests may run after SIGTERM before connections are closed
 */
public record NodeSettings(String name, int threads, Duration gracefulStop) {
}
