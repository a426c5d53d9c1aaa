package dev.ballast.node.proxy;

/**
 * User event fired into every client connection's pipeline when the node stops gracefully: an idle connection
 * closes at once, a busy one finishes its exchange and then closes.
 */
public enum DrainRequest {
    INSTANCE
}
