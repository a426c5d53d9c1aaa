package dev.ballast.node.proxy.http.guard;

import dev.ballast.node.proxy.http.guard.SmugglingVectors.Vector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

class HttpRequestGuardTest {

    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.1 \\d{3} [^\\r]*");

    static final List<Vector> REFUSED = SmugglingVectors.REFUSED;
    static final List<Vector> ACCEPTED = SmugglingVectors.ACCEPTED;

    @Test
    void thereAreAtLeastThirtyRefusedVectors() {
        assertThat(REFUSED).hasSizeGreaterThanOrEqualTo(30);
        assertThat(REFUSED.stream().map(Vector::name).distinct()).hasSameSizeAs(REFUSED);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("REFUSED")
    void refusesWithStatusClosesAndPassesNothingOn(Vector vector) {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.wrappedBuffer(vector.bytes()));

        assertThat(recorder.received).as("messages passed downstream").isEmpty();
        assertThat(statusLines(channel)).singleElement(as(STRING)).startsWith("HTTP/1.1 " + vector.status() + " ");
        assertThat(channel.isOpen()).as("connection closed").isFalse();
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ACCEPTED")
    void passesWellFormedRequestsOnWhole(Vector vector) {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.wrappedBuffer(vector.bytes()));

        assertThat(recorder.received).first().isInstanceOf(HttpRequest.class);
        assertThat(recorder.received).last().isInstanceOf(LastHttpContent.class);
        assertThat((Object) channel.readOutbound()).as("no response from the guard").isNull();
        assertThat(channel.isOpen()).isTrue();
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aGetWithABodyKeepsItsBody() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.copiedBuffer(
                "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", StandardCharsets.US_ASCII));

        assertThat(recorder.body()).isEqualTo("hello");
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void identicalContentLengthsAreForwardedAsOne() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.copiedBuffer(
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\nContent-Length: 5\r\n\r\nhello",
                StandardCharsets.US_ASCII));

        HttpRequest request = (HttpRequest) recorder.received.get(0);
        assertThat(request.headers().getAll(HttpHeaderNames.CONTENT_LENGTH)).containsExactly("5");
        assertThat(recorder.body()).isEqualTo("hello");
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void pipelinedRequestsAreCheckedOneByOne() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.copiedBuffer(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                        + "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n", StandardCharsets.US_ASCII));

        assertThat(recorder.requestUris()).containsExactly("/1", "/2", "/3");
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aBadPipelinedRequestIsAnsweredAfterTheResponsesBeforeIt() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.copiedBuffer(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                StandardCharsets.US_ASCII));

        assertThat(recorder.requestUris()).containsExactly("/1");
        assertThat((Object) channel.readOutbound()).as("refusal waits for the first response").isNull();
        assertThat(channel.isOpen()).isTrue();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));

        assertThat(statusCodes(channel)).containsExactly(204, 400);
        assertThat(channel.isOpen()).isFalse();
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void anInterimResponseDoesNotReleaseAPendingRefusal() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);
        channel.writeInbound(Unpooled.copiedBuffer(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.2\r\nHost: a\r\n\r\n", StandardCharsets.US_ASCII));

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        assertThat(statusLines(channel)).singleElement(as(STRING)).startsWith("HTTP/1.1 100 ");

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        assertThat(statusCodes(channel)).containsExactly(200, 400);
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aBadChunkInALaterReadAbortsTheForwardedRequestWithoutAResponse() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.copiedBuffer(
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
                StandardCharsets.US_ASCII));
        assertThat(recorder.received).hasSize(2);

        channel.writeInbound(Unpooled.copiedBuffer("zz\r\n", StandardCharsets.US_ASCII));

        assertThat(recorder.received).hasSize(2).noneMatch(m -> m instanceof LastHttpContent);
        assertThat(recorder.events).singleElement().isInstanceOf(RequestAbortedEvent.class);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void theRequestAfterARefusedExpectationIsValidatedToo() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);
        channel.writeInbound(Unpooled.copiedBuffer(
                "POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n",
                StandardCharsets.US_ASCII));
        assertThat(recorder.requestUris()).containsExactly("/big");

        // what a handler refusing the expectation does: answer 417 and tell the decoder to skip the body
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.EXPECTATION_FAILED));
        channel.pipeline().fireUserEventTriggered(HttpExpectationFailedEvent.INSTANCE);
        channel.writeInbound(Unpooled.copiedBuffer("GET /next HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n",
                StandardCharsets.US_ASCII));

        assertThat(recorder.requestUris()).containsExactly("/big");
        assertThat(statusCodes(channel)).containsExactly(417, 400);
        assertThat(channel.isOpen()).isFalse();
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aHeadSplitAcrossReadsIsValidatedOnceWhole() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);
        String request = "GET /split HTTP/1.1\r\nHost: a\r\nX-Long: " + "v".repeat(200) + "\r\n\r\n";

        for (int i = 0; i < request.length(); i += 7) {
            channel.writeInbound(Unpooled.copiedBuffer(
                    request.substring(i, Math.min(request.length(), i + 7)), StandardCharsets.US_ASCII));
        }

        assertThat(recorder.requestUris()).containsExactly("/split");
        assertThat(recorder.received).last().isInstanceOf(LastHttpContent.class);
        recorder.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void obsFoldSplitAtTheLineBoundaryIsStillRefused() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n", StandardCharsets.US_ASCII));
        channel.writeInbound(Unpooled.copiedBuffer(" folded\r\n\r\n", StandardCharsets.US_ASCII));

        assertThat(recorder.received).isEmpty();
        assertThat(statusLines(channel)).singleElement(as(STRING)).startsWith("HTTP/1.1 400 ");
        channel.finishAndReleaseAll();
    }

    @Test
    void aClientLeavingMidHeadGetsNoAnswerAndNothingPassesOn() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);

        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: a\r\nX-Half: ", StandardCharsets.US_ASCII));
        channel.close();

        assertThat(recorder.received).isEmpty();
        assertThat(statusLines(channel)).isEmpty();
        channel.finishAndReleaseAll();
    }

    @Test
    void theRefusalNamesTheReason() {
        EmbeddedChannel channel = channel(new Recorder());

        channel.writeInbound(Unpooled.copiedBuffer(
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                StandardCharsets.US_ASCII));

        String response = readAll(channel);
        assertThat(response).containsIgnoringCase("connection: close").containsIgnoringCase("content-type: text/plain")
                .endsWith("both Content-Length and Transfer-Encoding\n");
        channel.finishAndReleaseAll();
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static EmbeddedChannel channel(Recorder recorder) {
        EmbeddedChannel channel = new EmbeddedChannel();
        HttpRequestGuard.install(channel.pipeline(), SmugglingVectors.LIMITS);
        channel.pipeline().addLast(recorder);
        return channel;
    }

    /** The status lines of the responses written so far, in order. */
    private static List<String> statusLines(EmbeddedChannel channel) {
        Matcher m = STATUS_LINE.matcher(readAll(channel));
        List<String> lines = new ArrayList<>();
        while (m.find()) {
            lines.add(m.group());
        }
        return lines;
    }

    private static List<Integer> statusCodes(EmbeddedChannel channel) {
        return statusLines(channel).stream().map(line -> Integer.parseInt(line.substring(9, 12))).toList();
    }

    private static String readAll(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) out;
            text.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return text.toString();
    }

    /** Stands for the proxy: records everything the guard passes on. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> received = new ArrayList<>();
        final List<Object> events = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.add(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        List<String> requestUris() {
            return received.stream().filter(m -> m instanceof HttpRequest).map(m -> ((HttpRequest) m).uri()).toList();
        }

        String body() {
            StringBuilder body = new StringBuilder();
            received.stream().filter(m -> m instanceof HttpContent)
                    .forEach(m -> body.append(((HttpContent) m).content().toString(StandardCharsets.ISO_8859_1)));
            return body.toString();
        }

        void release() {
            received.forEach(ReferenceCountUtil::release);
        }
    }
}
