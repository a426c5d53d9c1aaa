package dev.ballast.node.proxy.http.guard;

import dev.ballast.node.config.FrontendConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Sits right after the {@link StrictRequestDecoder} and lets only well-formed requests through. A
 * request the decoder failed (head or body) is answered with its status (400, 431 or 501) and
 * {@code Connection: close}, and the connection is closed; nothing of it goes downstream.
 *
 * <p>To keep a request that fails in its first bytes of body (say, a bad chunk size right after the
 * head) from reaching downstream at all, the guard holds what the decoder produced during one read and
 * passes it on at the end of that read, unless a failure came up meanwhile; complete requests before
 * the failure are still passed on. After writing a refusal it fires a {@link RequestRefusedEvent} downstream (for
 * the access log and statistics). A failure in a later read, after the head has been passed on, cannot
 * be taken back: the guard then fires a {@link RequestAbortedEvent} and closes without a response,
 * since a response to that request may already be under way.
 *
 * <p>Responses stay in order for pipelined requests: the guard counts the final responses written
 * through it and sends its refusal only after those of the requests it passed on before. It writes an
 * {@link io.netty.handler.codec.http.HttpResponse} object, so an {@link HttpResponseEncoder} must sit
 * between it and the socket; {@link #install} builds that pipeline prefix. On a protocol upgrade the
 * proxy removes decoder and guard together.
 *
 * <p>Decisions (details in {@link FramingRules} and {@link RequestHeadValidator}):
 * <ul>
 *   <li>400 for every smuggling or syntax vector, 431 when the request line or the header section
 *       exceeds its limit (one status for "head too large", as the issue asks; HAProxy says 414 for a
 *       long URI), 501 for a transfer coding other than {@code chunked} in front of a final
 *       {@code chunked} (RFC 9112 section 6.1); a Transfer-Encoding whose final coding is not chunked
 *       gets 400, as HAProxy answers;</li>
 *   <li>only {@code HTTP/1.0} and {@code HTTP/1.1} are served; {@code HTTP/1.2}, {@code HTTP/2.0} and
 *       any other spelling get 400 (stricter than RFC 9112 section 2.3, which would let 1.2 pass as 1.1);</li>
 *   <li>obs-fold is refused rather than unfolded; identical duplicate Content-Lengths are accepted and
 *       forwarded as one; an absolute-form target whose authority differs from Host gets 400;</li>
 *   <li>trailers are checked by Netty (strict CRLF, field name/value validation, Content-Length,
 *       Transfer-Encoding and Trailer fields dropped); an obs-fold inside trailers is unfolded by Netty,
 *       which cannot affect framing.</li>
 * </ul>
 */
public final class HttpRequestGuard extends ChannelDuplexHandler {

    private static final Logger LOG = LogManager.getLogger(HttpRequestGuard.class);
    /** How long input is drained after a refusal before closing, so the client reads the response
     *  instead of a reset caused by unread bytes (nginx's lingering close). */
    private static final Duration LINGER = Duration.ofSeconds(2);

    /** Decoded messages of the current read, not yet passed on. */
    private final ArrayDeque<HttpObject> held = new ArrayDeque<>();
    /** How many of {@link #held} form complete requests (up to and including a LastHttpContent). */
    private int heldComplete;
    /** A request head was passed on and its LastHttpContent not yet. */
    private boolean midRequest;
    private long requestsPassed;
    private long responsesCompleted;
    private boolean informationalResponse;
    private RequestRejection pendingRefusal;
    /** Method and target of the refused request when its head was valid (its body was not); null otherwise:
     *  a refused head is never parsed, so nothing of it can be trusted. */
    private String refusedMethod;
    private String refusedUri;
    private boolean refused;

    /**
     * Adds decoder, response encoder and guard, in that order, at the end of {@code pipeline}; the
     * proxy's own handlers follow them.
     */
    public static void install(ChannelPipeline pipeline, FrontendConfig.Limits limits) {
        pipeline.addLast("http-request-decoder", StrictRequestDecoder.create(limits));
        pipeline.addLast("http-response-encoder", new HttpResponseEncoder());
        pipeline.addLast("http-request-guard", new HttpRequestGuard());
    }

    /** Removes what {@link #install} added, when the connection becomes a byte tunnel (protocol upgrade). */
    public static void uninstall(ChannelPipeline pipeline) {
        pipeline.remove("http-request-guard");
        pipeline.remove("http-response-encoder");
        pipeline.remove("http-request-decoder");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof HttpObject object)) {
            // raw bytes after a protocol upgrade: keep the order, then pass them through
            passHeld(ctx, held.size());
            ctx.fireChannelRead(msg);
            return;
        }
        if (object.decoderResult().isFailure()) {
            // Netty reports a failed head as a FullHttpRequest, a failed body as a bare HttpContent
            boolean inBody = object instanceof HttpContent && !(object instanceof HttpRequest);
            RequestRejection rejection = RequestRejection.from(object.decoderResult().cause(), inBody);
            ReferenceCountUtil.release(msg);
            refuse(ctx, rejection);
            return;
        }
        held.add(object);
        if (object instanceof LastHttpContent) {
            heldComplete = held.size();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        passHeld(ctx, held.size());
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            // 1xx are interim, except 101 which ends the HTTP exchange
            informationalResponse = code >= 100 && code < 200 && code != 101;
        }
        boolean completesResponse = msg instanceof LastHttpContent && !informationalResponse;
        ctx.write(msg, promise);
        if (completesResponse) {
            responsesCompleted++;
            if (pendingRefusal != null && responsesCompleted >= requestsPassed) {
                RequestRejection refusal = pendingRefusal;
                pendingRefusal = null;
                respondAndClose(ctx, refusal);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HttpExpectationFailedEvent) {
            midRequest = false; // the body was refused (417) and will not come; the next bytes are a new request
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // removed mid-read (e.g. on upgrade): what was held had passed every check
        passHeld(ctx, held.size());
    }

    private void refuse(ChannelHandlerContext ctx, RequestRejection rejection) {
        passHeld(ctx, heldComplete);
        if (held.peek() instanceof HttpRequest request) {
            refusedMethod = request.method().name();
            refusedUri = request.uri();
        }
        releaseHeld();
        refused = true;
        if (!ctx.channel().isActive()) {
            // the client went away mid-request (Netty reports the truncated head): nobody to answer
            LOG.debug("Client {} closed the connection mid-request: {}", ctx.channel().remoteAddress(),
                    rejection.reason());
            return;
        }
        ctx.channel().config().setAutoRead(true); // drain and discard what the client still sends
        if (midRequest) {
            LOG.warn("Aborting request from {} after its head was forwarded: {} ({})",
                    ctx.channel().remoteAddress(), rejection.reason(), rejection.status());
            ctx.fireUserEventTriggered(new RequestAbortedEvent(rejection));
            ctx.close();
            return;
        }
        LOG.info("Refused request from {} with {}: {}", ctx.channel().remoteAddress(), rejection.status(),
                rejection.reason());
        if (responsesCompleted < requestsPassed) {
            pendingRefusal = rejection; // answered once the earlier pipelined responses are out
        } else {
            respondAndClose(ctx, rejection);
        }
    }

    /** Passes on the first {@code count} held messages; what downstream does meanwhile may release the rest. */
    private void passHeld(ChannelHandlerContext ctx, int count) {
        for (int i = 0; i < count && !held.isEmpty(); i++) {
            HttpObject object = held.poll();
            heldComplete = Math.max(0, heldComplete - 1);
            if (object instanceof HttpRequest) {
                requestsPassed++;
                midRequest = true;
            }
            if (object instanceof LastHttpContent) {
                midRequest = false;
            }
            ctx.fireChannelRead(object);
        }
    }

    private void releaseHeld() {
        HttpObject object;
        while ((object = held.poll()) != null) {
            ReferenceCountUtil.release(object);
        }
        heldComplete = 0;
    }

    private void respondAndClose(ChannelHandlerContext ctx, RequestRejection rejection) {
        ByteBuf body = Unpooled.copiedBuffer(rejection.status() + ": " + rejection.reason() + "\n",
                StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, rejection.status(), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(written -> {
            if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
                duplex.shutdownOutput().addListener(shut ->
                        ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS));
            } else {
                ctx.close();
            }
        });
        ctx.fireUserEventTriggered(new RequestRefusedEvent(rejection.status().code(), refusedMethod, refusedUri));
    }
}
