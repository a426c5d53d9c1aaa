package dev.ballast.node.proxy.http.guard;

/**
 * Fired downstream by {@link HttpRequestGuard} when a request whose head was already passed on turns out
 * to be malformed in its body (for example an invalid chunk size in a later read). The handler that
 * received the head must abandon that exchange: never complete the request towards a server and never
 * reuse the server connection it was streaming to. The guard closes the client connection itself.
 */
public record RequestAbortedEvent(RequestRejection rejection) {
}
