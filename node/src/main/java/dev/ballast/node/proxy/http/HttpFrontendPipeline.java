package dev.ballast.node.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The pipeline of every client connection of an HTTP frontend, in order, in one place:
 * <ol>
 *   <li>{@value #ACTIVITY}: notes byte arrival for the header and idle timeouts;</li>
 *   <li>{@value #CODEC}: HTTP/1.1 request decoder and response encoder (request line and header section limits
 *       from the frontend; beyond them the proxy answers 414 / 431);</li>
 *   <li>strict request validation belongs right here, after the decoder:
 *       {@code pipeline.addAfter(CODEC, "validator", ...)};</li>
 *   <li>{@value #PROXY}: the reverse proxy itself.</li>
 * </ol>
 */
public final class HttpFrontendPipeline extends ChannelInitializer<Channel> {

    public static final String ACTIVITY = "activity";
    public static final String CODEC = "http-codec";
    public static final String PROXY = "proxy";
    static final String TUNNEL_IDLE = "tunnel-idle";

    /** Body pieces are passed on as they arrive, at most this large each: bounded memory, few objects. */
    private static final int MAX_CONTENT_PIECE = 64 * 1024;

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
        pipeline.addLast(CODEC, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(frontend.config().limits().maxRequestLine())
                .setMaxHeaderSize(frontend.config().limits().maxHeaderSize())
                .setMaxChunkSize(MAX_CONTENT_PIECE)));
        pipeline.addLast(PROXY, new HttpProxyHandler(frontend, activity));
    }
}
