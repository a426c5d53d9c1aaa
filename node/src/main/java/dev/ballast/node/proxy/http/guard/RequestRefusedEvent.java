package dev.ballast.node.proxy.http.guard;

/**
 * Fired downstream by {@link HttpRequestGuard} right after it wrote its refusal of a request (400, 431, 501), so
 * that the proxy can count and log a request that it never saw.
 *
 * @param status the status the client was answered
 * @param method the refused request's method when its head was valid (its body was not), else null
 * @param uri    the refused request's target, likewise
 */
public record RequestRefusedEvent(int status, String method, String uri) {
}
