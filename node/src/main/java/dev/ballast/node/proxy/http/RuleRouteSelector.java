package dev.ballast.node.proxy.http;

import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.route.RouteInput;
import dev.ballast.node.route.Router;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/** Routes a frontend's requests by its ordered rules, then its default backend ({@link Router}). */
public final class RuleRouteSelector implements RouteSelector {

    private final Router router;

    private RuleRouteSelector(Router router) {
        this.router = router;
    }

    /** The {@link RouteSelector.Factory} of the node: one router per HTTP frontend, built once. */
    public static RouteSelector forFrontend(FrontendConfig frontend) {
        return new RuleRouteSelector(Router.of(frontend));
    }

    @Override
    public String backendFor(HttpRequest request) {
        return router.route(new RouteInput() {
            @Override
            public String method() {
                return request.method().name();
            }

            @Override
            public String host() {
                return request.headers().get(HttpHeaderNames.HOST);
            }

            @Override
            public String path() {
                return RequestTargets.path(request.uri());
            }

            @Override
            public String header(String name) {
                return request.headers().get(name);
            }
        });
    }
}
