package dev.ballast.node.demo;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Sends every data frame of an upgraded {@code /ws} connection back as it came. Ping, pong and close are answered
 * by Netty's WebSocketServerProtocolHandler before frames get here; anything else passes on.
 */
@ChannelHandler.Sharable
final class WebSocketEchoHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame) {
            ctx.writeAndFlush(msg); // ownership of the frame passes to the write
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
