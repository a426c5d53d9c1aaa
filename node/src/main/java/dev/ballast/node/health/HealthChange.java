package dev.ballast.node.health;

import dev.ballast.node.balance.Server;

/** One change of a server's effective health and why it happened. */
public record HealthChange(Server server, HealthState from, HealthState to, String reason) {
}
