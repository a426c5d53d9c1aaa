package dev.ballast.node.demo;

import dev.ballast.node.demo.QueryParameters.BadRequestException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Serves the demo endpoints on one connection, one request at a time and in order (pipelined requests wait while a
 * delayed or streamed response is produced). Every response is complete when its request is: small ones are written
 * when the request ends, /bytes streams at the pace the client reads, /echo streams the request body straight back.
 * Reading pauses while the client does not take what was written (channel writability), so memory stays bounded.
 */
final class DemoRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LogManager.getLogger(DemoRequestHandler.class);

    static final long MAX_DELAY_MS = 600_000;
    static final long MAX_BYTES = 1L << 40;

    private final DemoBackendState backend;
    /** Messages that arrived while an asynchronous response was being produced; handled when it is done. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();

    /** The request being received; null between requests and after the connection was given up. */
    private HttpRequest request;
    private HttpVersion version = HttpVersion.HTTP_1_1;
    private DemoEndpoint endpoint;
    private boolean keepAlive = true;
    /** A response ended with "close": nothing more is read or answered on this connection. */
    private boolean closing;
    /** The echo response head was sent; request body parts go straight back. */
    private boolean echoing;
    /** A /delay or /bytes response is being produced; later messages wait in {@link #waiting}. */
    private boolean responding;
    private ScheduledFuture<?> delay;
    private long bytesLeft;
    private boolean inStreamLoop;

    DemoRequestHandler(DemoBackendState backend) {
        this.backend = backend;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (responding || !waiting.isEmpty()) {
            waiting.add(msg);
        } else {
            handle(ctx, msg);
        }
        updateAutoRead(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (bytesLeft > 0) {
            streamBytes(ctx);
        }
        updateAutoRead(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (delay != null) {
            delay.cancel(false);
        }
        bytesLeft = 0;
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // Clients resetting or dropping connections is ordinary under load; not worth an operator's attention.
            LOG.debug("demo backend {}: connection from {} failed: {}", backend.name(), ctx.channel().remoteAddress(),
                    cause.toString());
        } else {
            LOG.warn("demo backend {}: closing the connection from {} after an unexpected error", backend.name(),
                    ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private void handle(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head) {
            startRequest(ctx, head);
        }
        if (msg instanceof HttpContent content) {
            onBody(ctx, content);
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest head) {
        if (closing) {
            return;
        }
        if (head.decoderResult().isFailure()) {
            keepAlive = false;
            sendText(ctx, HttpResponseStatus.BAD_REQUEST, "bad request: " + head.decoderResult().cause().getMessage());
            return;
        }
        request = head;
        version = head.protocolVersion();
        keepAlive = HttpUtil.isKeepAlive(head);
        endpoint = DemoEndpoint.of(head.uri());
        if (endpoint == DemoEndpoint.ECHO && HttpMethod.POST.equals(head.method())) {
            startEcho(ctx, head);
        }
    }

    private void onBody(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (request == null) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            refuseBody(ctx, content);
            return;
        }
        if (echoing) {
            ChannelFuture written = ctx.write(content);
            if (last) {
                echoing = false;
                request = null;
                closeAfterIfNeeded(written);
            }
            return;
        }
        content.release();
        if (last) {
            HttpRequest complete = request;
            request = null;
            respond(ctx, complete);
        }
    }

    /** A malformed body (e.g. a bad chunk size): 400 if nothing was answered yet, else just close. */
    private void refuseBody(ChannelHandlerContext ctx, HttpContent content) {
        String reason = "bad request body: " + content.decoderResult().cause().getMessage();
        content.release();
        request = null;
        keepAlive = false;
        if (echoing) {
            echoing = false;
            closing = true;
            LOG.debug("demo backend {}: closing {} mid-echo: {}", backend.name(), ctx.channel().remoteAddress(),
                    reason);
            ctx.close();
        } else {
            sendText(ctx, HttpResponseStatus.BAD_REQUEST, reason);
        }
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest head) {
        if (endpoint != DemoEndpoint.HEALTH) {
            backend.countRequest();
        }
        try {
            switch (endpoint) {
                case INFO -> sendBody(ctx, HttpResponseStatus.OK,
                        RequestInfo.describe(ctx.alloc(), backend.name(), head));
                case HEALTH -> sendHealth(ctx);
                case HEALTH_FAIL -> switchHealth(ctx, head, false);
                case HEALTH_OK -> switchHealth(ctx, head, true);
                case DELAY -> startDelay(ctx, new QueryParameters(head.uri()).number("ms", 0, MAX_DELAY_MS));
                case STATUS -> sendStatus(ctx, (int) new QueryParameters(head.uri()).number("code", 200, 599));
                case BYTES -> startBytes(ctx, new QueryParameters(head.uri()).number("n", 0, MAX_BYTES));
                case ECHO -> sendMethodNotAllowed(ctx, head); // only a POST is echoed, and that one streamed already
            }
        } catch (BadRequestException e) {
            sendText(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private void sendHealth(ChannelHandlerContext ctx) {
        if (backend.healthy()) {
            sendText(ctx, HttpResponseStatus.OK, "ok");
        } else {
            sendText(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "failing (switched by POST /health/fail)");
        }
    }

    private void switchHealth(ChannelHandlerContext ctx, HttpRequest head, boolean healthy) {
        if (!HttpMethod.POST.equals(head.method())) {
            sendMethodNotAllowed(ctx, head);
            return;
        }
        String state = healthy ? "ok" : "failing";
        if (backend.healthy(healthy)) {
            LOG.info("demo backend {}: /health switched to {} by {}", backend.name(), state,
                    ctx.channel().remoteAddress());
        }
        sendText(ctx, HttpResponseStatus.OK, "health: " + state);
    }

    private void sendStatus(ChannelHandlerContext ctx, int code) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(code);
        if (code == 204 || code == 304) {
            // These statuses never carry a body, so the response ends with its head.
            HttpResponse response = new DefaultHttpResponse(version, status);
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.write(response);
            closeAfterIfNeeded(ctx.write(LastHttpContent.EMPTY_LAST_CONTENT));
        } else {
            sendText(ctx, status, "status " + code);
        }
    }

    private void sendMethodNotAllowed(ChannelHandlerContext ctx, HttpRequest head) {
        HttpResponse response = textResponse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED,
                "method " + head.method() + " is not allowed on " + DemoEndpoint.pathOf(head.uri()) + ": use POST");
        response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.asciiName());
        closeAfterIfNeeded(ctx.write(response));
    }

    private void startDelay(ChannelHandlerContext ctx, long millis) {
        responding = true;
        delay = ctx.executor().schedule(() -> {
            delay = null;
            sendText(ctx, HttpResponseStatus.OK, "delayed " + millis + " ms");
            endAsyncResponse(ctx);
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void startBytes(ChannelHandlerContext ctx, long length) {
        HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        HttpUtil.setContentLength(response, length);
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.write(response);
        responding = true;
        bytesLeft = length;
        streamBytes(ctx);
    }

    /**
     * Writes /bytes chunks while the channel takes them, then waits for {@link #channelWritabilityChanged}. A flush can
     * report writability again from inside this loop; the nested call returns at once and the loop carries on.
     */
    private void streamBytes(ChannelHandlerContext ctx) {
        if (inStreamLoop) {
            return;
        }
        inStreamLoop = true;
        try {
            while (bytesLeft > 0 && ctx.channel().isWritable()) {
                int size = (int) Math.min(BytesBody.CHUNK_SIZE, bytesLeft);
                bytesLeft -= size;
                ctx.write(new DefaultHttpContent(backend.streamChunk(size)));
                if (!ctx.channel().isWritable()) {
                    ctx.flush();
                }
            }
        } finally {
            inStreamLoop = false;
        }
        if (bytesLeft > 0 || !ctx.channel().isActive()) {
            ctx.flush();
            return;
        }
        closeAfterIfNeeded(ctx.write(LastHttpContent.EMPTY_LAST_CONTENT));
        endAsyncResponse(ctx);
    }

    private void startEcho(ChannelHandlerContext ctx, HttpRequest head) {
        HttpResponse response = new DefaultHttpResponse(head.protocolVersion(), HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        if (HttpUtil.isContentLengthSet(head)) {
            HttpUtil.setContentLength(response, HttpUtil.getContentLength(head));
        } else if (HttpUtil.isTransferEncodingChunked(head)) {
            HttpUtil.setTransferEncodingChunked(response, true);
        } else {
            HttpUtil.setContentLength(response, 0); // a request without either header has no body
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.write(response);
        echoing = true;
    }

    /** The asynchronous response is written: handle what waited, and read again. */
    private void endAsyncResponse(ChannelHandlerContext ctx) {
        responding = false;
        Object next;
        while (!responding && (next = waiting.poll()) != null) {
            handle(ctx, next);
        }
        ctx.flush();
        updateAutoRead(ctx);
    }

    /** Reads only while no asynchronous response is pending and the client takes what is written. */
    private void updateAutoRead(ChannelHandlerContext ctx) {
        boolean read = !responding && !closing && ctx.channel().isWritable();
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead() != read) {
            config.setAutoRead(read);
        }
    }

    private void sendText(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        closeAfterIfNeeded(ctx.write(textResponse(ctx, status, text)));
    }

    private void sendBody(ChannelHandlerContext ctx, HttpResponseStatus status, ByteBuf body) {
        closeAfterIfNeeded(ctx.write(DemoResponses.text(version, status, body, keepAlive)));
    }

    private HttpResponse textResponse(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), text + "\n");
        return DemoResponses.text(version, status, body, keepAlive);
    }

    /** Ends the connection after {@code lastWrite} when the client did not ask to keep it open. */
    private void closeAfterIfNeeded(ChannelFuture lastWrite) {
        if (!keepAlive) {
            closing = true;
            lastWrite.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
