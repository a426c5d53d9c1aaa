package dev.ballast.node.proxy.http;

import dev.ballast.node.proxy.http.guard.HttpRequestGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;

/**
 * The pipeline of every client connection of an HTTP frontend, in order, in one place:
 * <ol>
 *   <li>{@value #ACTIVITY}: notes byte arrival for the header and idle timeouts;</li>
 *   <li>{@link HttpRequestGuard#install}: the strict HTTP/1.1 request decoder, the response encoder and the guard
 *       that answers 400 / 431 / 501 to malformed or smuggling requests and closes, so that nothing of them
 *       ever reaches the proxy (request line and header section limits from the frontend);</li>
 *   <li>{@value #PROXY}: the reverse proxy itself.</li>
 * </ol>
 */
public final class HttpFrontendPipeline extends ChannelInitializer<Channel> {

    public static final String ACTIVITY = "activity";
    public static final String PROXY = "proxy";
    static final String TUNNEL_IDLE = "tunnel-idle";

    private final HttpFrontend frontend;
    private final ChannelGroup clients;

    /** @param clients every open client connection of the node, for a graceful stop */
    public HttpFrontendPipeline(HttpFrontend frontend, ChannelGroup clients) {
        this.frontend = frontend;
        this.clients = clients;
    }

    @Override
    protected void initChannel(Channel ch) {
        clients.add(ch);
        ClientActivity activity = new ClientActivity();
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast(ACTIVITY, activity);
        HttpRequestGuard.install(pipeline, frontend.config().limits());
        pipeline.addLast(PROXY, new HttpProxyHandler(frontend, activity));
    }
}
