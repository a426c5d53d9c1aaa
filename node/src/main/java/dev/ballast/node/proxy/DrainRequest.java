package dev.ballast.node.proxy;

/**
 * User event fired into every client connection's pipeline when the node stops gracefully or hands a VIP over: a
 * connection idle between requests closes at once, a new one gets a moment for its first request, a busy one
 * answers its request and then closes.
 */
public enum DrainRequest {
    INSTANCE
}
