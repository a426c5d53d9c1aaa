package dev.ballast.node.proxy;

import dev.ballast.node.balance.Balancer;
import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BackendConfig;

import java.util.List;

/**
 * Creates the balancing algorithm of one backend. The node runtime is given one factory and calls it once per
 * backend; every server in {@code servers} starts usable, later changes arrive through the balancer's hooks.
 */
@FunctionalInterface
public interface BalancerFactory {

    Balancer create(BackendConfig config, List<Server> servers);
}
