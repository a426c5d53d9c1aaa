package dev.ballast.node.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;

/**
 * First handler of a client connection: notes when bytes arrive, before any decoding, so that timeouts can tell an
 * idle keep-alive connection (nothing since the last response) from a slow request head (slowloris) or a stalled
 * request body; and counts the bytes read and written on the wire, for the access log. Event-loop confined.
 */
final class ClientActivity extends ChannelDuplexHandler {

    private long lastReadNanos;
    private long firstReadSinceMarkNanos;
    private boolean readSinceMark;
    private long bytesRead;
    private long bytesReadAtMark;
    private long bytesWritten;
    private long bytesWrittenAtMark;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        lastReadNanos = now;
        if (!readSinceMark) {
            readSinceMark = true;
            firstReadSinceMarkNanos = now;
        }
        bytesRead += sizeOf(msg);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        bytesWritten += sizeOf(msg);
        ctx.write(msg, promise);
    }

    private static long sizeOf(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (msg instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        return msg instanceof FileRegion region ? region.count() : 0;
    }

    /**
     * Starts watching for the next request: forgets when the previous one arrived and what it read.
     *
     * @param requestEndBytes {@link #bytesRead()} when the previous request had been read whole; bytes beyond it
     *                        were read while that request was served and begin the next one, whose head time then
     *                        runs from the last read
     */
    void mark(long requestEndBytes) {
        readSinceMark = bytesRead != requestEndBytes;
        firstReadSinceMarkNanos = lastReadNanos;
        bytesReadAtMark = requestEndBytes;
        bytesWrittenAtMark = bytesWritten;
    }

    /** Bytes read from the client since {@link #mark()} (for pipelined requests, possibly the next ones' too). */
    long bytesReadSinceMark() {
        return bytesRead - bytesReadAtMark;
    }

    /** Bytes written to the client since {@link #mark()}. */
    long bytesWrittenSinceMark() {
        return bytesWritten - bytesWrittenAtMark;
    }

    /** Bytes read from the client since the connection opened. */
    long bytesRead() {
        return bytesRead;
    }

    /** Bytes written to the client since the connection opened. */
    long bytesWritten() {
        return bytesWritten;
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
