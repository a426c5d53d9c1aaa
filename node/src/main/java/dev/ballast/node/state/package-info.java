/**
 * State shared by the cluster's nodes beyond sticky sessions: operator decisions on servers
 * ({@link dev.ballast.node.state.ReplicatedAdminState}), kept in a replicated table of the cluster module.
 */
package dev.ballast.node.state;
