/**
 * The admin HTTP API (contract: docs/admin-api.md): its own small Netty listener, bearer-token authentication,
 * read endpoints over the node's run-time objects, server actions, reload, {@code /healthz}, {@code /metrics} and
 * the {@code /stats} page. Traffic numbers, Prometheus text and the cluster come in through ports
 * ({@link dev.ballast.node.admin.TrafficView}, {@link dev.ballast.node.admin.MetricsSource},
 * {@link dev.ballast.node.admin.ClusterView}) so that this package depends on neither the statistics nor the
 * cluster code.
 */
package dev.ballast.node.admin;
