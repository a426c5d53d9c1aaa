package dev.ballast.node.demo;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BytesBodyTest {

    @Test
    void everyChunkStartsAtTheBeginningOfThePattern() {
        ByteBuf chunk = BytesBody.newChunk();
        try {
            assertThat(chunk.readableBytes()).isEqualTo(BytesBody.CHUNK_SIZE);
            for (int i = 0; i < BytesBody.CHUNK_SIZE; i++) {
                assertThat(chunk.getByte(i)).isEqualTo(BytesBody.at(i));
            }
            // A body made of whole chunks continues the pattern across chunk boundaries.
            assertThat(BytesBody.at(BytesBody.CHUNK_SIZE)).isEqualTo(chunk.getByte(0));
            assertThat(BytesBody.at(3L * BytesBody.CHUNK_SIZE + 5)).isEqualTo(chunk.getByte(5));
        } finally {
            chunk.release();
        }
    }
}
