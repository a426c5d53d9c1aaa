package dev.ballast.node.demo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** What every connection of one demo backend shares: its name, its switchable health, the /bytes chunk. */
final class DemoBackendState {

    private final AsciiString name;
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final LongAdder streamedBytes = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final ByteBuf chunk = BytesBody.newChunk();
    /** {@link #chunk} with a no-op release, so every stream writes slices of it without copying or freeing it. */
    private final ByteBuf sharedChunk = Unpooled.unreleasableBuffer(chunk);

    DemoBackendState(String name) {
        this.name = AsciiString.of(name);
    }

    AsciiString name() {
        return name;
    }

    boolean healthy() {
        return healthy.get();
    }

    /** Switches health; answers whether it changed, so only changes get logged. */
    boolean healthy(boolean value) {
        return healthy.getAndSet(value) != value;
    }

    /** The first {@code size} bytes of the /bytes pattern, counted as streamed. */
    ByteBuf streamChunk(int size) {
        streamedBytes.add(size);
        return sharedChunk.slice(0, size);
    }

    /** /bytes body bytes handed to connections so far. */
    long streamedBytes() {
        return streamedBytes.sum();
    }

    /** Counts a request that is not a health check. */
    void countRequest() {
        requests.increment();
    }

    /** Requests answered so far, health checks (GET /health) left out. */
    long requests() {
        return requests.sum();
    }

    /** Frees the chunk; call only when no connection can write any more (the event loops have stopped). */
    void release() {
        chunk.release();
    }
}
