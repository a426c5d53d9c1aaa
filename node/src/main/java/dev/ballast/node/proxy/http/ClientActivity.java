package dev.ballast.node.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of a client connection: notes when bytes arrive, before any decoding, so that timeouts can tell an
 * idle keep-alive connection (nothing since the last response) from a slow request head (slowloris) or a stalled
 * request body. Event-loop confined.
 */
final class ClientActivity extends ChannelInboundHandlerAdapter {

    private long lastReadNanos;
    private long firstReadSinceMarkNanos;
    private boolean readSinceMark;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        lastReadNanos = now;
        if (!readSinceMark) {
            readSinceMark = true;
            firstReadSinceMarkNanos = now;
        }
        ctx.fireChannelRead(msg);
    }

    /** Starts watching for the next request: forgets when the previous one arrived. */
    void mark() {
        readSinceMark = false;
    }

    boolean readSinceMark() {
        return readSinceMark;
    }

    long firstReadSinceMarkNanos() {
        return firstReadSinceMarkNanos;
    }

    long lastReadNanos() {
        return lastReadNanos;
    }
}
