package dev.ballast.node.balance;

/**
 * What a balancer may look at in a request. Implemented by the data plane over its own request object, so that
 * algorithms stay free of Netty. Every method may be called on the event loop's thread only, and must not allocate
 * more than the value it returns.
 */
public interface RequestContext {

    /** The client's IP address as text (no port). */
    String clientAddress();

    /** The request path, without the query string. */
    String path();

    /** The whole request target: path and query string. */
    String uri();

    /** The first value of a request header, or null. */
    String header(String name);

    /** The value of a request cookie, or null. */
    String cookie(String name);

    /** The first value of a query parameter, or null. */
    String queryParameter(String name);
}
