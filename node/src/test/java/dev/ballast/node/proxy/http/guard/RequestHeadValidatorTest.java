package dev.ballast.node.proxy.http.guard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestHeadValidatorTest {

    private final RequestHeadValidator validator = new RequestHeadValidator(SmugglingVectors.LIMITS);

    @Test
    void stopsBeforeAnIncompleteLineAndResumesThere() {
        ByteBuf in = ascii("GET / HTTP/1.1\r\nHost: a\r\nX-Par");

        int end = validator.scan(in, 0, in.writerIndex());

        assertThat(end).isEqualTo("GET / HTTP/1.1\r\nHost: a\r\n".length());
        assertThat(validator.complete()).isFalse();

        in.writeCharSequence("t: 1\r\n\r\n", StandardCharsets.US_ASCII);
        assertThat(validator.scan(in, end, in.writerIndex())).isEqualTo(in.writerIndex());
        assertThat(validator.complete()).isTrue();
        in.release();
    }

    @Test
    void stopsAtTheEndOfTheHeadAndLeavesTheBodyAlone() {
        String head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n\r\n";
        ByteBuf in = ascii(head + "\u0000\n\r x\r\n");

        assertThat(validator.scan(in, 0, in.writerIndex())).isEqualTo(head.length());
        assertThat(validator.complete()).isTrue();
        in.release();
    }

    @Test
    void resetStartsTheNextRequest() {
        ByteBuf first = ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        validator.scan(first, 0, first.writerIndex());
        validator.reset();
        ByteBuf second = ascii("GET / HTTP/1.1\r\nHost: b\r\n\r\n");

        // without the reset this would count as a second Host
        validator.scan(second, 0, second.writerIndex());

        assertThat(validator.complete()).isTrue();
        first.release();
        second.release();
    }

    @Test
    void framingIsJudgedOnlyAtTheEndOfTheHead() {
        ByteBuf in = ascii("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n");
        int end = validator.scan(in, 0, in.writerIndex());
        in.writeCharSequence("\r\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> validator.scan(in, end, in.writerIndex()))
                .isInstanceOf(RequestRejection.class)
                .hasMessage("both Content-Length and Transfer-Encoding")
                .extracting(e -> ((RequestRejection) e).status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        in.release();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.buffer().writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
