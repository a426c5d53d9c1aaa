package dev.ballast.node.proxy.http;

import dev.ballast.node.config.FrontendConfig;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Where routing happens: chooses the backend of one request. Called once per request on the client connection's
 * event loop, so it must not block.
 */
@FunctionalInterface
public interface RouteSelector {

    /** @return the name of the backend to send the request to, or null when nothing matches (the client gets 404) */
    String backendFor(HttpRequest request);

    /** Builds the selector of one frontend; the node runtime calls it once per HTTP frontend. */
    @FunctionalInterface
    interface Factory {
        RouteSelector forFrontend(FrontendConfig frontend);
    }

    /** Sends every request to the frontend's {@code default-backend}, or answers 404 when it has none. */
    static RouteSelector defaultBackendOf(FrontendConfig frontend) {
        String backend = frontend.defaultBackend().orElse(null);
        return request -> backend;
    }
}
