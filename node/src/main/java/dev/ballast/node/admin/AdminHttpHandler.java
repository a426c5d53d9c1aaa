package dev.ballast.node.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;


/** Hands each whole admin request to the {@link AdminApi} and writes its reply; keeps the connection alive. */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LogManager.getLogger(AdminHttpHandler.class);

    private final AdminApi api;

    AdminHttpHandler(AdminApi api) {
        this.api = api;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            write(ctx, AdminApi.errorResponse(new ApiException(400, "malformed HTTP request: "
                    + request.decoderResult().cause().getMessage())), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        AdminRequest adminRequest = new AdminRequest(request.method().name(), uri.path(), uri.parameters(),
                request.headers().get(HttpHeaderNames.AUTHORIZATION), ByteBufUtil.getBytes(request.content()));
        write(ctx, api.handle(adminRequest), HttpUtil.isKeepAlive(request));
    }

    static void write(ChannelHandlerContext ctx, AdminResponse reply, boolean keepAlive) {
        if (keepAlive) {
            ctx.writeAndFlush(response(reply));
        } else {
            writeLastResponse(ctx, reply).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes the connection's last response ({@code Connection: close}); the caller decides how to close. */
    static ChannelFuture writeLastResponse(ChannelHandlerContext ctx, AdminResponse reply) {
        FullHttpResponse response = response(reply);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return ctx.writeAndFlush(response);
    }

    private static FullHttpResponse response(AdminResponse reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        for (AdminResponse.Header header : reply.headers()) {
            response.headers().add(header.name(), header.value());
        }
        return response;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close(); // an idle keep-alive connection
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Admin connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
