package dev.ballast.node.proxy.http.guard;

import dev.ballast.node.config.FrontendConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.List;

/**
 * Netty's request decoder, configured strictly, with a {@link RequestHeadValidator} run over each
 * request head's raw bytes before Netty parses them.
 *
 * <p>A head the validator refuses is never parsed: the decoder emits one {@link HttpRequest} whose
 * {@link DecoderResult} is a failure carrying the {@link RequestRejection}, then discards all further
 * input, exactly as Netty does with its own failures. {@link HttpRequestGuard} turns either kind of
 * failure into the response. Bodies and trailers are framed by Netty (strict CRLF, chunk size and
 * chunk extension validation, trailer field validation).
 */
public final class StrictRequestDecoder extends HttpRequestDecoder {

    private final RequestHeadValidator head;
    /** Bytes from the reader index on that the validator has already passed. */
    private int validatedAhead;
    private boolean failed;

    private StrictRequestDecoder(FrontendConfig.Limits limits) {
        super(config(limits));
        head = new RequestHeadValidator(limits);
    }

    /** A decoder for one connection of a frontend with these limits. */
    public static StrictRequestDecoder create(FrontendConfig.Limits limits) {
        return new StrictRequestDecoder(limits);
    }

    /**
     * Netty's settings: request line and header section limits (the header section limit counts the
     * header lines' bytes without their CRLFs; beyond either the guard answers 431), strict CRLF line
     * parsing, header name and value validation, Transfer-Encoding with Content-Length refused.
     * Identical duplicate Content-Lengths may pass Netty because the validator has already refused
     * differing ones; Netty then forwards a single value.
     */
    /** Body pieces are passed on as they arrive, at most this large each: bounded memory, few objects. */
    private static final int MAX_CONTENT_PIECE = 64 * 1024;

    public static HttpDecoderConfig config(FrontendConfig.Limits limits) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setMaxChunkSize(MAX_CONTENT_PIECE)
                .setStrictLineParsing(true)
                .setValidateHeaders(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(true)
                .setChunkedSupported(true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!head.complete()) {
            try {
                int from = in.readerIndex() + validatedAhead;
                validatedAhead = head.scan(in, from, in.writerIndex()) - in.readerIndex();
            } catch (RequestRejection rejection) {
                failed = true;
                in.skipBytes(in.readableBytes());
                out.add(rejected(rejection));
                return;
            }
        }
        int readerBefore = in.readerIndex();
        int outBefore = out.size();
        super.decode(ctx, in, out);
        validatedAhead = Math.max(0, validatedAhead - (in.readerIndex() - readerBefore));
        for (int i = outBefore; i < out.size(); i++) {
            track(out.get(i));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HttpExpectationFailedEvent) {
            // Netty skips the refused body and reads the next request: it gets validated like any other
            head.reset();
            validatedAhead = 0;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void track(Object decoded) {
        if (decoded instanceof HttpObject object && object.decoderResult().isFailure()) {
            failed = true; // Netty discards everything after its own failures too
        } else if (decoded instanceof LastHttpContent) {
            head.reset(); // the next bytes are the next pipelined request's head
            validatedAhead = 0;
        }
    }

    private static HttpRequest rejected(RequestRejection rejection) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request");
        request.setDecoderResult(DecoderResult.failure(rejection));
        return request;
    }
}
