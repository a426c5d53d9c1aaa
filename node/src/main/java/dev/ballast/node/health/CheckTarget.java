package dev.ballast.node.health;

import java.net.InetSocketAddress;

/**
 * Where one server is checked.
 *
 * @param address    the server's address, or its check port (left unresolved: the connect resolves it)
 * @param hostHeader the Host header of HTTP checks
 */
record CheckTarget(InetSocketAddress address, String hostHeader) {
}
