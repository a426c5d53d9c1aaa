package dev.ballast.node.demo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * The content of {@code /bytes} responses: a repeating 64-byte pattern, so a client can check every byte it got
 * ({@link #at(long)}) while the server sends slices of one shared chunk and never holds a whole body.
 */
final class BytesBody {

    /** Bytes per write; a multiple of the pattern length, so every chunk starts at pattern offset 0. */
    static final int CHUNK_SIZE = 64 * 1024;

    private static final byte[] PATTERN =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/".getBytes(StandardCharsets.US_ASCII);

    private BytesBody() {
    }

    /** The byte at {@code offset} of every /bytes body. */
    static byte at(long offset) {
        return PATTERN[(int) (offset % PATTERN.length)];
    }

    /** A direct buffer of {@link #CHUNK_SIZE} pattern bytes; its owner releases it once no stream uses it. */
    static ByteBuf newChunk() {
        ByteBuf chunk = Unpooled.directBuffer(CHUNK_SIZE, CHUNK_SIZE);
        for (int i = 0; i < CHUNK_SIZE; i++) {
            chunk.writeByte(at(i));
        }
        return chunk;
    }
}
