package dev.ballast.node.health;

import dev.ballast.node.health.HttpResponseScanner.InvalidResponseException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpResponseScannerTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n";

    @Test
    void aContentLengthResponseEndsAfterItsBodyAndKeepsTheConnection() throws Exception {
        HttpResponseScanner scanner = scanner(Optional.empty());
        ByteBuf in = bytes(OK + "extra");
        scanner.feed(in);
        assertThat(scanner.headComplete()).isTrue();
        assertThat(scanner.status()).isEqualTo(200);
        assertThat(scanner.complete()).isTrue();
        assertThat(scanner.keepsConnection()).isTrue();
        assertThat(in.toString(StandardCharsets.US_ASCII)).as("bytes after the response stay unread").isEqualTo("extra");
    }

    @Test
    void aResponseFedOneByteAtATimeIsReadTheSame() throws Exception {
        HttpResponseScanner scanner = scanner(Optional.of("ok"));
        byte[] all = OK.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < all.length; i++) {
            assertThat(scanner.complete()).isFalse();
            scanner.feed(Unpooled.wrappedBuffer(all, i, 1));
        }
        assertThat(scanner.complete()).isTrue();
        assertThat(scanner.status()).isEqualTo(200);
        assertThat(scanner.bodyVerdict()).isEqualTo(BodyMatcher.Verdict.FOUND);
    }

    @Test
    void aChunkedBodyIsFollowedToItsLastChunkAndTrailers() throws Exception {
        HttpResponseScanner scanner = scanner(Optional.of("healthy"));
        scanner.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nheal\r\n"));
        assertThat(scanner.bodyVerdict()).isEqualTo(BodyMatcher.Verdict.NEED_MORE);
        scanner.feed(bytes("3\r\nthy\r\n0\r\nX-Trailer: t\r\n"));
        assertThat(scanner.bodyVerdict()).isEqualTo(BodyMatcher.Verdict.FOUND);
        assertThat(scanner.complete()).isFalse();
        scanner.feed(bytes("\r\n"));
        assertThat(scanner.complete()).isTrue();
        assertThat(scanner.keepsConnection()).isTrue();
    }

    @Test
    void aMissingSubstringIsOnlyKnownAtTheEndOfTheBody() throws Exception {
        HttpResponseScanner scanner = scanner(Optional.of("UP"));
        scanner.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nDO"));
        assertThat(scanner.complete()).isFalse();
        scanner.feed(bytes("WN"));
        assertThat(scanner.complete()).isTrue();
        assertThat(scanner.bodyVerdict()).isEqualTo(BodyMatcher.Verdict.NEED_MORE);
    }

    @Test
    void closeHttp10AndUnframedBodiesEndTheConnection() throws Exception {
        assertThat(keepsConnection("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")).isFalse();
        assertThat(keepsConnection("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).isFalse();
        assertThat(keepsConnection("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"))
                .isTrue();
        assertThat(keepsConnection("HTTP/1.1 204 No Content\r\n\r\n")).isTrue();

        HttpResponseScanner untilClose = scanner(Optional.empty());
        untilClose.feed(bytes("HTTP/1.1 200 OK\r\n\r\nbody until the close"));
        assertThat(untilClose.headComplete()).isTrue();
        assertThat(untilClose.complete()).isFalse();
        untilClose.closed();
        assertThat(untilClose.complete()).isTrue();
        assertThat(untilClose.keepsConnection()).isFalse();
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        HttpResponseScanner scanner = scanner(Optional.empty());
        scanner.feed(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"));
        assertThat(scanner.status()).isEqualTo(503);
        assertThat(scanner.complete()).isTrue();
    }

    @Test
    void aHeadResponseHasNoBodyWhateverItsLength() throws Exception {
        HttpResponseScanner scanner = new HttpResponseScanner(true, Optional.empty(), 1024);
        scanner.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));
        assertThat(scanner.complete()).isTrue();
        assertThat(scanner.keepsConnection()).isTrue();
    }

    @Test
    void theScannerIsReusedForTheNextResponse() throws Exception {
        HttpResponseScanner scanner = scanner(Optional.empty());
        scanner.feed(bytes("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        scanner.reset();
        scanner.feed(bytes(OK));
        assertThat(scanner.status()).isEqualTo(200);
        assertThat(scanner.keepsConnection()).isTrue();
    }

    @Test
    void headerNamesAndValuesAreReadInAnyCaseAndAroundWhitespace() throws Exception {
        assertThat(keepsConnection("HTTP/1.1 200 OK\r\nCONTENT-LENGTH: \t2 \r\n\r\nok")).isTrue();
        assertThat(keepsConnection("HTTP/1.1 200 OK\r\nconnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n"))
                .isFalse();
        assertThat(keepsConnection("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, CHUNKED \r\n\r\n0\r\n\r\n"))
                .isTrue();

        HttpResponseScanner notChunked = scanner(Optional.empty());
        notChunked.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"));
        assertThat(notChunked.complete()).as("chunked not last: the body runs until the close").isFalse();
        assertThatThrownBy(() -> scanner(Optional.empty())
                .feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1a\r\n\r\n")))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessage("invalid Content-Length: \"Content-Length: 1a\"");
    }

    @Test
    void garbageAndOversizedHeadsAreRefused() {
        assertThatThrownBy(() -> scanner(Optional.empty()).feed(bytes("SSH-2.0-OpenSSH_9.2\r\n")))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessage("not an HTTP/1.x status line: \"SSH-2.0-OpenSSH_9.2\"");
        assertThatThrownBy(() -> scanner(Optional.empty())
                .feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageStartingWith("invalid Content-Length");
        String hugeHead = "HTTP/1.1 200 OK\r\n" + ("X-Pad: " + "p".repeat(1000) + "\r\n").repeat(20);
        assertThatThrownBy(() -> scanner(Optional.empty()).feed(bytes(hugeHead)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessage("response head larger than 16384 bytes");
        assertThatThrownBy(() -> scanner(Optional.empty())
                .feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessage("invalid chunk size: \"zz\"");
    }

    private static boolean keepsConnection(String response) throws InvalidResponseException {
        HttpResponseScanner scanner = scanner(Optional.empty());
        scanner.feed(bytes(response));
        assertThat(scanner.complete()).isTrue();
        return scanner.keepsConnection();
    }

    private static HttpResponseScanner scanner(Optional<String> expectedBody) {
        return new HttpResponseScanner(false, expectedBody, 1024);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
