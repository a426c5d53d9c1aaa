/**
 * Load balancing, pure Java (no Netty): one algorithm per file behind {@link dev.ballast.node.balance.Balancer},
 * built by {@link dev.ballast.node.balance.Balancers#create}, and {@link dev.ballast.node.balance.BackendBalancer}
 * in front of it holding the servers' states (health, admin state, weight, slow start, backup, panic).
 *
 * <p>Per request, the data plane calls {@code BackendBalancer.pick} (or, with sticky sessions,
 * {@code session.StickyRouter.route}), then {@code connectionTaken(server)} when the request is sent and
 * {@code connectionReleased(server)} when it ends. A null pick with {@code hasUsableServer()} true means every
 * usable server is at its maxconn: queue; false means 503. The health checker calls {@code setHealthy}, the admin
 * API {@code setAdminState} and {@code setWeight}, and a timer calls {@code tick()} to advance slow starts.
 *
 * <p>Every table (rings, Maglev, weighted maps) is built from the usable servers sorted by name and hashed with
 * {@link dev.ballast.node.balance.Hash64} (XXH64), so every node builds the same one from the same configuration.
 */
package dev.ballast.node.balance;
