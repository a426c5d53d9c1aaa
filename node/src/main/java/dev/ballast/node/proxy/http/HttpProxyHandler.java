package dev.ballast.node.proxy.http;

import dev.ballast.node.logging.AccessLog;
import dev.ballast.node.logging.AccessRecord;
import dev.ballast.node.proxy.DrainRequest;
import dev.ballast.node.proxy.http.guard.HttpRequestGuard;
import dev.ballast.node.proxy.http.guard.RequestRefusedEvent;
import dev.ballast.node.stats.TrafficCounters;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of an HTTP frontend. Requests are handled one at a time, in order: while an exchange is in
 * flight the connection stops reading, and whatever the decoder already produced for the next (pipelined) requests
 * waits here. Owns the connection's single timer, which always targets the nearest deadline (header, idle, or the
 * exchange's own). Event-loop confined.
 */
final class HttpProxyHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LogManager.getLogger(HttpProxyHandler.class);
    private static final long LINGER_MILLIS = 2_000;
    /** How long a draining connection that has not sent a byte yet may take to send its first request. */
    private static final long FIRST_REQUEST_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final HttpFrontend frontend;
    private final ClientActivity activity;
    private final ArrayDeque<Object> pipelined = new ArrayDeque<>(4);
    private ChannelHandlerContext ctx;
    private Exchange exchange;
    private boolean reading = true;
    /** Between this read's first message and its channelReadComplete, where reading is decided once. */
    private boolean inRead;
    /** Bytes read from the client when the current request was read whole. */
    private long bytesReadAtRequestEnd;
    private boolean draining;
    private long drainedAtNanos;
    private boolean closing;
    private boolean tunnel;
    private boolean servedOne;
    private long idleSinceNanos;
    private ScheduledFuture<?> timer;
    private long timerDeadline;
    private String clientIp;
    private String clientAddress;
    private String localPort;

    HttpProxyHandler(HttpFrontend frontend, ClientActivity activity) {
        this.frontend = frontend;
        this.activity = activity;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        idleSinceNanos = System.nanoTime();
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            clientIp = remote.getAddress().getHostAddress();
            clientAddress = clientIp + ":" + remote.getPort();
        } else {
            clientIp = String.valueOf(ctx.channel().remoteAddress());
            clientAddress = clientIp;
        }
        localPort = ctx.channel().localAddress() instanceof InetSocketAddress local
                ? Integer.toString(local.getPort()) : "";
        armTimer();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (tunnel) {
            exchange.onTunnelData(msg);
        } else if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (!pipelined.isEmpty() || !accepts(msg)) {
            pipelined.addLast(msg);
            updateReading();
        } else {
            inRead = true;
            dispatch(msg);
        }
    }

    /** Whether the message can be handled now: a new request when idle, or the current request's body. */
    private boolean accepts(Object msg) {
        return exchange == null || (msg instanceof HttpContent && !exchange.requestComplete());
    }

    private void dispatch(Object msg) {
        if (msg instanceof LastHttpContent) {
            bytesReadAtRequestEnd = activity.bytesRead();
        }
        if (exchange != null) {
            exchange.onRequestContent((HttpContent) msg);
        } else if (msg instanceof HttpRequest request) {
            begin(request);
        } else {
            // Leftover body of a request that was refused before it was read whole.
            ReferenceCountUtil.release(msg);
        }
    }

    /** Decoder failures never get here: {@code HttpRequestGuard} answers them and closes the connection. */
    private void begin(HttpRequest request) {
        exchange = new Exchange(this, frontend, request);
        exchange.start();
    }

    /** Refuses a request before it could be routed (its head did not come in time): answers and closes. */
    private void refuseAndClose(HttpResponseStatus status, String reason) {
        closing = true;
        cancelTimer();
        ctx.writeAndFlush(LocalResponses.error(ctx.alloc(), status, reason, false, false))
                .addListener(ChannelFutureListener.CLOSE);
        releasePipelined();
        reportRefused(status.code(), null, null);
    }

    /**
     * A request that never became an exchange was refused with {@code status} (the response is written): counted
     * and logged with what is known of it ({@code method} and {@code uri} may be null).
     */
    private void reportRefused(int status, String method, String uri) {
        long now = System.nanoTime();
        long totalNanos = activity.readSinceMark() ? now - activity.firstReadSinceMarkNanos() : 0;
        TrafficCounters traffic = frontend.traffic();
        traffic.requestStarted();
        traffic.requestEnded();
        traffic.response(status);
        traffic.latency(TimeUnit.NANOSECONDS.toMicros(totalNanos));
        AccessLog accessLog = frontend.accessLog();
        if (accessLog.enabled()) {
            long totalMillis = TimeUnit.NANOSECONDS.toMillis(totalNanos);
            accessLog.log(new AccessRecord(System.currentTimeMillis() - totalMillis, clientAddress, frontend.name(),
                    null, null, method, uri, status, activity.bytesReadSinceMark(), activity.bytesWrittenSinceMark(),
                    -1, -1, -1, -1, totalMillis));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onClientReadComplete();
        }
        if (inRead) {
            inRead = false;
            updateReading();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onClientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof RequestRefusedEvent refused) {
            reportRefused(refused.status(), refused.method(), refused.uri());
        } else if (evt == DrainRequest.INSTANCE) {
            draining = true;
            drainedAtNanos = System.nanoTime();
            // Between requests the connection closes at once: its client retries elsewhere (RFC 9112, 9.3.1). A new
            // connection may have its first request on the way, which its client could not retry: it gets a moment
            // to arrive. A request partly read is answered (within the header timeout).
            if (exchange == null && !closing && !activity.readSinceMark()) {
                if (servedOne) {
                    close();
                } else {
                    armTimer();
                }
            }
        } else if (evt instanceof IdleStateEvent && tunnel) {
            LOG.info("Frontend {}: tunnel from {} idle for {} ms; closing it", frontend.name(), clientIp,
                    TimeUnit.NANOSECONDS.toMillis(frontend.tunnelIdleNanos()));
            ctx.close();
        } else {
            ReferenceCountUtil.release(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        releasePipelined();
        if (exchange != null) {
            Exchange current = exchange;
            exchange = null;
            current.onClientClosed();
            current.report();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("Frontend {}: connection from {} failed: {}", frontend.name(), clientIp, cause.toString());
        } else {
            LOG.warn("Frontend {}: error on connection from {}; closing it", frontend.name(), clientIp, cause);
        }
        ctx.close();
    }

    // ---- called by the exchange ----

    ChannelHandlerContext ctx() {
        return ctx;
    }

    ClientActivity activity() {
        return activity;
    }

    String clientIp() {
        return clientIp;
    }

    /** {@code ip:port} of the client. */
    String clientAddress() {
        return clientAddress;
    }

    String localPort() {
        return localPort;
    }

    boolean draining() {
        return draining;
    }

    /** Whether a read from the client is being handled: what it asks of the server can wait for its end. */
    boolean inRead() {
        return inRead;
    }

    /**
     * Reads from the client exactly when someone wants its bytes and no pipelined request is waiting. While a read
     * is being handled the decision waits for its end ({@link #channelReadComplete}): the messages of one read come
     * in a burst (a request head and its end, say) that would otherwise switch reading off and on again, each
     * switch a system call. A closing connection keeps reading as its close decided (a lingering close drains).
     */
    void updateReading() {
        if (inRead || closing) {
            return;
        }
        boolean wanted = pipelined.isEmpty() && (exchange == null || exchange.wantsClientData());
        if (wanted != reading) {
            reading = wanted;
            ctx.channel().config().setAutoRead(wanted);
        }
    }

    /** Moves the timer earlier if the exchange's nearest deadline now comes sooner than the one it targets. */
    void deadlinesChanged() {
        armTimer();
    }

    /**
     * The exchange is over. Must be the exchange's last action: the next pipelined request may start at once.
     *
     * @param keepAlive whether the connection can carry another request
     */
    void exchangeFinished(boolean keepAlive) {
        if (exchange != null) {
            exchange.report();
        }
        boolean requestUnread = exchange != null && !exchange.requestComplete();
        exchange = null;
        if (requestUnread) {
            closeLingering();
            return;
        }
        if (!keepAlive || draining) {
            close();
            return;
        }
        servedOne = true;
        idleSinceNanos = System.nanoTime();
        activity.mark(bytesReadAtRequestEnd);
        Object next;
        while (!closing && (next = pipelined.peekFirst()) != null && accepts(next)) {
            pipelined.pollFirst();
            dispatch(next);
        }
        if (!closing) {
            updateReading();
            armTimer();
        }
    }

    /** The exchange could not complete: drop the connection without a response. */
    void abort() {
        if (exchange != null) {
            exchange.report();
        }
        exchange = null;
        closing = true;
        cancelTimer();
        releasePipelined();
        ctx.close();
    }

    /** The exchange became a byte tunnel: no more HTTP on this connection, only the tunnel idle timeout. */
    void switchToTunnel() {
        tunnel = true;
        inRead = false;
        cancelTimer();
        releasePipelined();
        ctx.pipeline().addFirst(HttpFrontendPipeline.TUNNEL_IDLE,
                new IdleStateHandler(0, 0, frontend.tunnelIdleNanos(), TimeUnit.NANOSECONDS));
        HttpRequestGuard.uninstall(ctx.pipeline());
        updateReading();
    }

    // ---- connection end ----

    private void close() {
        closing = true;
        cancelTimer();
        releasePipelined();
        FinWithLastSegment.holdUntilClose(ctx.channel());
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Closes a connection whose client may still be sending the rest of a request that was answered early (413,
     * 401...). Closing a socket with unread bytes makes the kernel reset it, which can destroy the response before
     * the client reads it; so the proxy stops sending, reads and drops what still comes for a short while, then
     * closes (a lingering close, as HAProxy and nginx do).
     */
    private void closeLingering() {
        closing = true;
        cancelTimer();
        releasePipelined();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) flushed -> {
            if (!flushed.isSuccess() || !(ctx.channel() instanceof DuplexChannel duplex)) {
                ctx.close();
                return;
            }
            duplex.shutdownOutput();
            ctx.channel().config().setAutoRead(true);
            reading = true;
            ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void releasePipelined() {
        Object msg;
        while ((msg = pipelined.pollFirst()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    // ---- the connection's timer ----

    private long nextDeadline() {
        if (exchange != null) {
            return exchange.nextDeadline();
        }
        if (activity.readSinceMark()) {
            return activity.firstReadSinceMarkNanos() + frontend.clientHeaderNanos();
        }
        long idleDeadline = idleSinceNanos + (servedOne ? frontend.clientIdleNanos() : frontend.clientHeaderNanos());
        return draining ? Math.min(idleDeadline, drainedAtNanos + FIRST_REQUEST_GRACE_NANOS) : idleDeadline;
    }

    private void armTimer() {
        if (closing || tunnel) {
            return;
        }
        long deadline = nextDeadline();
        if (deadline == Long.MAX_VALUE || (timer != null && timerDeadline <= deadline)) {
            return;
        }
        cancelTimer();
        timerDeadline = deadline;
        timer = ctx.executor().schedule(this::timerFired, Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void timerFired() {
        timer = null;
        if (closing || tunnel || !ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextDeadline() >= 0) {
            if (exchange != null) {
                exchange.onDeadline(now);
            } else {
                idleTimedOut();
            }
        }
        armTimer();
    }

    private void idleTimedOut() {
        if (activity.readSinceMark()) {
            String reason = "request head not received within "
                    + TimeUnit.NANOSECONDS.toMillis(frontend.clientHeaderNanos()) + " ms";
            LOG.info("Frontend {}: client {}: {}", frontend.name(), clientIp, reason);
            refuseAndClose(HttpResponseStatus.REQUEST_TIMEOUT, reason);
        } else {
            LOG.debug("Frontend {}: closing idle connection from {}", frontend.name(), clientIp);
            close();
        }
    }
}
