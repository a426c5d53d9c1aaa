package dev.ballast.node.proxy.http;

import dev.ballast.node.balance.Server;
import dev.ballast.node.health.FailureKind;
import dev.ballast.node.logging.AccessLog;
import dev.ballast.node.logging.AccessRecord;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.proxy.ServerSlots;
import dev.ballast.node.session.StickyRoute;
import dev.ballast.node.stats.BackendTraffic;
import dev.ballast.node.stats.ErrorKind;
import dev.ballast.node.stats.TrafficCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
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

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One request and its response, from the moment the request head is decoded until the response is written whole
 * (or the exchange fails). Chooses a server (waiting in its queue when it is at {@code maxconn}), takes a pooled
 * connection or opens one on the client's event loop, streams the request body to the server and the response
 * back with backpressure in both directions, retries where that is safe, switches to a byte tunnel on
 * {@code 101 Switching Protocols}, and answers 502 / 503 / 504 with a reason when the server side fails.
 * Keeps the timings of its steps and, when it is over, reports itself once ({@link #report()}) to the traffic
 * statistics and the access log; failed attempts on a server are counted as they happen.
 * Event-loop confined, except {@link #slotGranted()}.
 */
final class Exchange implements ServerSlots.Waiter {

    private static final Logger LOG = LogManager.getLogger(Exchange.class);

    private enum Phase {
        /** Choosing a server, or waiting for a slot on it. */
        QUEUED,
        /** Opening a connection to the server. */
        CONNECTING,
        /** Request and response flowing through a server connection. */
        FORWARDING,
        /** After 101: bytes relayed both ways until one side closes. */
        TUNNEL,
        /** The proxy answered itself; waiting only for the end of a request that has no body. */
        LOCAL,
        DONE
    }

    private final HttpProxyHandler client;
    private final HttpFrontend frontend;
    private final ChannelHandlerContext clientCtx;
    private final HttpRequest request;
    private final boolean http10Client;
    private final boolean keepAliveRequested;
    private final boolean requestHasBody;
    private final boolean idempotent;
    private final boolean upgradeRequested;
    /** When the request head was decoded. */
    private final long startNanos;
    /** When the request's first byte arrived. */
    private final long headStartNanos;
    private final long bytesWrittenBefore;

    private Phase phase = Phase.QUEUED;
    private Backend backend;
    private Server server;
    private boolean holdsSlot;
    private int retriesLeft;
    private ScheduledFuture<?> queueTimer;
    private BackendConnection connection;
    private boolean connectionReused;
    private ArrayDeque<HttpContent> bodyBeforeConnection;
    /** Set-Cookie for the response when the route (re)sticks the client, else null. */
    private String stickySetCookie;

    private boolean requestComplete;
    private boolean requestSent;
    private boolean requestBodySent;
    private boolean backendFlushPending;

    private boolean responseStarted;
    private boolean inInformational;
    private boolean responseHeadReceived;
    private boolean backendKeepAlive;
    private boolean clientKeepAlive;
    private boolean clientFlushPending;

    private StallTimeouts stalls;

    // Reporting: counters of the backend and of the last attempt's server, and step timings (System.nanoTime).
    private BackendTraffic backendTraffic;
    private TrafficCounters serverTraffic;
    /** Status sent to the client, -1 until one is. */
    private int status = -1;
    /** Whether {@link #status} came from the server (else from the proxy itself). */
    private boolean statusFromServer;
    private boolean reported;
    private long queuedSinceNanos;
    /** Total time waited for server slots; -1 while the request never reached a server's queue. */
    private long queueWaitNanos = -1;
    private long connectStartNanos;
    /** Time the last attempt took to get its connection; -1 while none was. */
    private long connectNanos = -1;
    private long attachedNanos;
    private long responseHeadNanos;

    Exchange(HttpProxyHandler client, HttpFrontend frontend, HttpRequest request) {
        this.client = client;
        this.frontend = frontend;
        this.clientCtx = client.ctx();
        this.request = request;
        this.http10Client = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.keepAliveRequested = HttpUtil.isKeepAlive(request);
        this.requestHasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        this.idempotent = isIdempotent(request.method());
        this.upgradeRequested = request.headers().contains(HttpHeaderNames.UPGRADE)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
        this.startNanos = System.nanoTime();
        ClientActivity activity = client.activity();
        this.headStartNanos = activity.readSinceMark() ? activity.firstReadSinceMarkNanos() : startNanos;
        this.bytesWrittenBefore = activity.bytesWritten();
        frontend.traffic().requestStarted();
    }

    /** RFC 9110 9.2.2: repeating these has the same effect as sending them once. */
    private static boolean isIdempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.PUT
                || method == HttpMethod.DELETE || method == HttpMethod.OPTIONS || method == HttpMethod.TRACE;
    }

    // ---- start: route, rewrite, choose a server ----

    void start() {
        if (request.method() == HttpMethod.CONNECT) {
            respondLocally(HttpResponseStatus.METHOD_NOT_ALLOWED, "CONNECT is not supported by this reverse proxy");
            return;
        }
        String backendName = frontend.routes().backendFor(request);
        if (backendName == null) {
            respondLocally(HttpResponseStatus.NOT_FOUND, "no route of frontend '" + frontend.name()
                    + "' matches this request and it has no default backend");
            return;
        }
        backend = frontend.backend(backendName);
        if (backend == null) {
            LOG.error("Frontend {}: route chose backend '{}', which does not exist", frontend.name(), backendName);
            respondLocally(HttpResponseStatus.SERVICE_UNAVAILABLE, "backend '" + backendName + "' does not exist");
            return;
        }
        backendTraffic = frontend.backendTraffic(backendName);
        backendTraffic.counters().requestStarted();
        retriesLeft = backend.config().retries();
        stalls = new StallTimeouts(backend.config().timeouts().server().toNanos(), frontend.clientIdleNanos());
        HopByHopHeaders.strip(request.headers(), upgradeRequested);
        if (upgradeRequested) {
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        ForwardedHeaders.apply(request.headers(), frontend.config().forwarded(), client.clientIp(),
                client.localPort());
        // Servers are spoken to in HTTP/1.1 (persistent connections) whatever the client speaks.
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        client.updateReading();
        client.deadlinesChanged();
        choose(null);
    }

    private void choose(Server avoid) {
        phase = Phase.QUEUED;
        StickyRoute route = backend.route(new ProxiedRequest(request, client.clientIp()), avoid);
        StickyHeaders.stripCookie(request.headers(), backend.stickyCookie());
        stickySetCookie = route.setCookie();
        Server picked = route.server();
        if (route.outcome() == StickyRoute.Outcome.QUEUE) {
            // Balancers skip servers at their maxconn: when every usable one is full, wait in the shortest queue.
            picked = backend.shortestQueueAtMaxconn(avoid);
        }
        if (picked == null) {
            LOG.warn("Backend {}: no server available for {} {}", backend.name(), request.method(), request.uri());
            respondLocally(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "no server available in backend '" + backend.name() + "'");
            return;
        }
        acquire(picked);
    }

    private void acquire(Server chosen) {
        phase = Phase.QUEUED;
        server = chosen;
        queuedSinceNanos = System.nanoTime();
        client.updateReading();
        if (backend.slots(chosen).acquireOrQueue(this)) {
            slotAcquired();
            return;
        }
        LOG.debug("Server {} is at maxconn {}; request queued", chosen, chosen.maxconn());
        queueTimer = clientCtx.executor().schedule(this::queueTimedOut,
                backend.config().timeouts().queue().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void slotGranted() {
        clientCtx.executor().execute(() -> {
            if (phase != Phase.QUEUED) {
                // The request went away (client closed) while the slot was on its way: give it back.
                backend.slots(server).release();
                return;
            }
            queueTimer.cancel(false);
            slotAcquired();
        });
    }

    private void queueTimedOut() {
        if (phase != Phase.QUEUED || !backend.slots(server).cancel(this)) {
            return; // the slot was granted meanwhile; slotGranted() proceeds
        }
        queueWaitNanos = Math.max(0, queueWaitNanos) + (System.nanoTime() - queuedSinceNanos);
        String reason = "server '" + server.name() + "' stayed at its maxconn (" + server.maxconn() + ") for "
                + backend.config().timeouts().queue().toMillis() + " ms (queue timeout)";
        LOG.warn("Backend {}: {}", backend.name(), reason);
        server = null;
        respondLocally(HttpResponseStatus.SERVICE_UNAVAILABLE, reason);
    }

    private void slotAcquired() {
        holdsSlot = true;
        backend.balancer().connectionTaken(server);
        serverTraffic = backendTraffic.server(server.name());
        serverTraffic.requestStarted();
        long now = System.nanoTime();
        queueWaitNanos = Math.max(0, queueWaitNanos) + (now - queuedSinceNanos);
        connectStartNanos = now;
        connectNanos = -1;
        phase = Phase.CONNECTING;
        EventLoop loop = clientCtx.channel().eventLoop();
        BackendConnection pooled = frontend.connections().takeIdle(loop, server);
        connectionReused = pooled != null;
        if (pooled != null) {
            attach(pooled);
            return;
        }
        Server target = server;
        frontend.connections().connect(loop, target, backend.config().timeouts().connect())
                .addListener((ChannelFutureListener) future -> connected(future, target));
    }

    private void connected(ChannelFuture future, Server target) {
        if (phase != Phase.CONNECTING || server != target) {
            future.channel().close(); // the exchange ended while connecting
            return;
        }
        if (!future.isSuccess()) {
            connectFailed(future.cause());
            return;
        }
        attach(future.channel().pipeline().get(BackendConnection.class));
    }

    private void connectFailed(Throwable cause) {
        Server failed = server;
        String why = cause instanceof ConnectTimeoutException
                ? "connect timed out after " + backend.config().timeouts().connect().toMillis() + " ms"
                : "connect failed: " + cause.getMessage();
        attemptFailed(ErrorKind.CONNECT);
        releaseServer();
        backend.passiveHealth().recordFailure(failed, isRefused(cause)
                ? FailureKind.CONNECT_REFUSED : FailureKind.CONNECT_FAILED);
        if (retriesLeft > 0) {
            retriesLeft--;
            LOG.warn("Server {}: {}; retrying ({} retries left)", failed, why, retriesLeft);
            retry(failed);
            return;
        }
        LOG.warn("Server {}: {}; no retries left", failed, why);
        respondLocally(HttpResponseStatus.SERVICE_UNAVAILABLE, "server '" + failed.name() + "' unreachable (" + why
                + ")");
    }

    private static boolean isRefused(Throwable cause) {
        return cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)
                && String.valueOf(cause.getMessage()).contains("refused");
    }

    private void retry(Server failed) {
        if (backend.config().redispatch()) {
            choose(failed);
        } else {
            acquire(failed);
        }
    }

    // ---- forwarding ----

    private void attach(BackendConnection conn) {
        phase = Phase.FORWARDING;
        connection = conn;
        conn.assign(this);
        inInformational = false; // a retry starts the response over
        Channel backendChannel = conn.channel();
        attachedNanos = System.nanoTime();
        connectNanos = attachedNanos - connectStartNanos;
        stalls.attached(attachedNanos);
        if (http10Client && !request.headers().contains(HttpHeaderNames.HOST)) {
            // HTTP/1.1, which the server is spoken to, requires a Host: name the server itself, as nginx does.
            request.headers().set(HttpHeaderNames.HOST, server.address().toString());
        }
        backendChannel.write(request);
        if (bodyBeforeConnection != null) {
            HttpContent content;
            while ((content = bodyBeforeConnection.pollFirst()) != null) {
                writeBody(content);
            }
            bodyBeforeConnection = null;
        } else if (requestComplete) {
            // A replay (retry) of a request whose body was empty: only its end is sent again.
            backendChannel.write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        requestSent = requestComplete;
        flushToServer();
        client.updateReading();
        client.deadlinesChanged();
    }

    void onRequestContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            String reason = "malformed request body (" + content.decoderResult().cause().getMessage() + ")";
            content.release();
            if (phase == Phase.DONE || phase == Phase.LOCAL) {
                LOG.info("Frontend {}: {} from {}; closing the connection", frontend.name(), reason, client.clientIp());
                phase = Phase.DONE;
                client.abort();
            } else {
                fail(HttpResponseStatus.BAD_REQUEST, reason);
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        switch (phase) {
            case QUEUED, CONNECTING -> {
                if (bodyBeforeConnection == null) {
                    bodyBeforeConnection = new ArrayDeque<>(2);
                }
                bodyBeforeConnection.addLast(content);
                if (last) {
                    requestComplete = true;
                }
            }
            case FORWARDING -> {
                writeBody(content);
                if (last) {
                    requestSent = true;
                    stalls.serverActive(System.nanoTime());
                    flushToServer();
                    client.updateReading();
                    client.deadlinesChanged();
                } else {
                    backendFlushPending = true;
                }
            }
            case LOCAL -> {
                content.release();
                if (last) {
                    requestComplete = true;
                    finishLocal();
                }
            }
            default -> content.release();
        }
    }

    private void writeBody(HttpContent content) {
        if (content.content().isReadable()
                || (content instanceof LastHttpContent last && !last.trailingHeaders().isEmpty())) {
            requestBodySent = true;
        }
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        connection.channel().write(content);
    }

    /**
     * Sends what was written to the server: at the end of the client's read when this runs within one (a request
     * head and its end, or several body pieces, usually come in one read: one flush, one system call), else now.
     */
    private void flushToServer() {
        if (client.inRead()) {
            backendFlushPending = true;
        } else {
            backendFlushPending = false;
            connection.channel().flush();
        }
    }

    void onClientReadComplete() {
        if (backendFlushPending && connection != null) {
            backendFlushPending = false;
            connection.channel().flush();
        }
    }

    void onTunnelData(Object msg) {
        if (phase != Phase.TUNNEL || !(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        connection.channel().write(msg);
        backendFlushPending = true;
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /**
     * Whether the client's bytes are wanted now: the request body when the server is ready for it, tunnel bytes
     * likewise. Once the request is whole, what follows is the next pipelined request, which the client connection
     * queues (and stops reading at the first one): reading on is cheaper than switching reading off and on around
     * every exchange.
     */
    boolean wantsClientData() {
        return switch (phase) {
            case FORWARDING -> requestComplete || connection.channel().isWritable();
            case TUNNEL -> connection.channel().isWritable();
            case QUEUED, CONNECTING -> requestComplete; // a body waits for the server connection
            case LOCAL -> true; // the rest of the body is read and dropped
            case DONE -> false;
        };
    }

    void onBackendWritabilityChanged() {
        boolean writable = connection.channel().isWritable();
        stalls.serverWritable(writable, System.nanoTime());
        client.updateReading();
        client.deadlinesChanged();
    }

    void onClientWritabilityChanged() {
        if (connection == null || (phase != Phase.FORWARDING && phase != Phase.TUNNEL)) {
            return;
        }
        boolean writable = clientCtx.channel().isWritable();
        stalls.clientWritable(writable, System.nanoTime());
        connection.channel().config().setAutoRead(writable);
        client.deadlinesChanged();
    }

    // ---- response ----

    void onBackendRead(Object msg) {
        if (phase == Phase.TUNNEL) {
            if (msg instanceof ByteBuf) {
                clientCtx.write(msg);
                clientFlushPending = true;
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (phase != Phase.FORWARDING || !(msg instanceof HttpObject object)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (object.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            attemptFailed(ErrorKind.OTHER);
            serverFailed("sent an invalid response (" + object.decoderResult().cause().getMessage() + ")",
                    HttpResponseStatus.BAD_GATEWAY, false);
            return;
        }
        if (msg instanceof HttpResponse response) {
            onResponseHead(response);
        }
        if (msg instanceof HttpContent content && phase == Phase.FORWARDING) {
            onResponseContent(content);
        } else if (msg instanceof HttpContent content) {
            content.release();
        }
    }

    private void onResponseHead(HttpResponse response) {
        int code = response.status().code();
        if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            if (upgradeRequested) {
                backend.passiveHealth().recordSuccess(server);
                switchToTunnel(response);
            } else {
                attemptFailed(ErrorKind.OTHER);
                serverFailed("answered 101 to a request that did not ask to upgrade", HttpResponseStatus.BAD_GATEWAY,
                        false);
            }
            return;
        }
        if (code < 200) {
            // Interim response (100 Continue, 103 Early Hints): relayed to HTTP/1.1 clients, then the real one comes.
            inInformational = true;
            if (!http10Client) {
                HopByHopHeaders.strip(response.headers(), false);
                clientCtx.writeAndFlush(response);
                responseStarted = true;
            }
            return;
        }
        responseHeadReceived = true;
        responseHeadNanos = System.nanoTime();
        status = code;
        statusFromServer = true;
        if (code >= 500) {
            backend.passiveHealth().recordFailure(server, FailureKind.SERVER_ERROR_5XX); // counts if on-5xx says so
        } else {
            backend.passiveHealth().recordSuccess(server);
        }
        backendKeepAlive = HttpUtil.isKeepAlive(response);
        HopByHopHeaders.strip(response.headers(), false);
        if (stickySetCookie != null) {
            StickyHeaders.setCookie(response.headers(), stickySetCookie);
        }
        boolean bodyless = request.method() == HttpMethod.HEAD || code == 204 || code == 304;
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        boolean delimited = bodyless || chunked || HttpUtil.isContentLengthSet(response);
        if (http10Client && chunked && !bodyless) {
            // An HTTP/1.0 client cannot read chunked framing: send the bare body and end it by closing.
            response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            delimited = false;
        }
        // An answer that comes before the whole request did ends the connection: the rest of the request is unread.
        clientKeepAlive = keepAliveRequested && delimited && requestComplete && !client.draining();
        if (!clientKeepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10Client) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        clientCtx.write(response);
        responseStarted = true;
        clientFlushPending = true;
        client.deadlinesChanged();
    }

    private void onResponseContent(HttpContent content) {
        if (inInformational) {
            // The (empty) end of an interim response: the client's encoder needs it to accept the final response.
            if (content instanceof LastHttpContent) {
                inInformational = false;
            }
            if (http10Client) {
                content.release();
            } else {
                clientCtx.writeAndFlush(content);
            }
            return;
        }
        if (!(content instanceof LastHttpContent)) {
            clientCtx.write(content);
            clientFlushPending = true;
            return;
        }
        if (clientKeepAlive) {
            clientCtx.writeAndFlush(content);
        } else {
            clientCtx.write(content); // the close that follows flushes it, with the FIN in the same segment
        }
        clientFlushPending = false;
        finish();
    }

    void onBackendReadComplete() {
        stalls.serverActive(System.nanoTime());
        if (clientFlushPending) {
            clientFlushPending = false;
            clientCtx.flush();
        }
    }

    private void switchToTunnel(HttpResponse response) {
        phase = Phase.TUNNEL;
        HopByHopHeaders.strip(response.headers(), true);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        responseHeadNanos = System.nanoTime();
        status = HttpResponseStatus.SWITCHING_PROTOCOLS.code();
        statusFromServer = true;
        clientCtx.writeAndFlush(response);
        responseStarted = true;
        LOG.debug("Frontend {}: {} upgraded to a tunnel through server {}", frontend.name(), request.uri(), server);
        client.switchToTunnel();
        connection.switchToTunnel();
        connection.channel().config().setAutoRead(clientCtx.channel().isWritable());
    }

    // ---- endings ----

    /** The response was relayed whole. */
    private void finish() {
        phase = Phase.DONE;
        BackendConnection conn = detachConnection();
        if (requestSent && backendKeepAlive) {
            frontend.connections().release(clientCtx.channel().eventLoop(), conn);
        } else {
            conn.channel().close();
        }
        releaseServer();
        client.exchangeFinished(clientKeepAlive && requestComplete);
    }

    private void finishLocal() {
        phase = Phase.DONE;
        client.exchangeFinished(true);
    }

    /** The server connection closed or failed ({@code cause} null for a plain close). */
    void onBackendClosed(Throwable cause) {
        if (phase == Phase.TUNNEL) {
            phase = Phase.DONE;
            detachConnection();
            releaseServer();
            clientCtx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (phase != Phase.FORWARDING) {
            return;
        }
        String what = cause == null ? "closed the connection" : "connection failed (" + cause.getMessage() + ")";
        if (responseHeadReceived || !connectionReused) {
            // A reused idle connection closed before answering is the keep-alive race, not a failing server.
            backend.passiveHealth().recordFailure(server, FailureKind.RESET);
        }
        attemptFailed(ErrorKind.OTHER);
        serverFailed(what + (responseHeadReceived ? " in the middle of the response" : " before responding"),
                HttpResponseStatus.BAD_GATEWAY, true);
    }

    /**
     * The server side failed. Before any response byte reached the client, a request that can be sent again is
     * retried on another server; otherwise the client gets {@code status}, or, once the response has started, its
     * connection is closed (the only way left to tell it the response is incomplete).
     */
    private void serverFailed(String what, HttpResponseStatus status, boolean retryable) {
        Server failed = server;
        BackendConnection conn = detachConnection();
        conn.channel().close();
        releaseServer();
        if (responseStarted) {
            LOG.warn("Server {} {}; closing the client connection from {} ({} {})", failed, what,
                    client.clientIp(), request.method(), request.uri());
            phase = Phase.DONE;
            client.abort();
            return;
        }
        if (retryable && retriesLeft > 0 && idempotent && !requestBodySent && !upgradeRequested) {
            retriesLeft--;
            LOG.warn("Server {} {}; retrying {} {} ({} retries left)", failed, what, request.method(), request.uri(),
                    retriesLeft);
            retry(failed);
            return;
        }
        LOG.warn("Server {} {}; answering {} to {} {}", failed, what, status.code(), request.method(),
                request.uri());
        respondLocally(status, "server '" + failed.name() + "' " + what);
    }

    void onClientClosed() {
        Phase was = phase;
        phase = Phase.DONE;
        if (was == Phase.QUEUED && server != null && !holdsSlot) {
            if (backend.slots(server).cancel(this)) {
                queueTimer.cancel(false);
            }
        }
        if (connection != null) {
            BackendConnection conn = detachConnection();
            conn.channel().close();
            if (was == Phase.FORWARDING) {
                LOG.info("Frontend {}: client {} closed its connection during {} {} (server {})", frontend.name(),
                        client.clientIp(), request.method(), request.uri(), server);
            }
        }
        releaseServer();
        releaseBodyBeforeConnection();
    }

    /** Answers the client from the proxy itself; the exchange is then over (or waits for its empty request end). */
    private void respondLocally(HttpResponseStatus status, String reason) {
        phase = Phase.LOCAL;
        releaseBodyBeforeConnection();
        // The connection can go on only if the request is read whole, or will be at once (it has no body).
        boolean keepAlive = keepAliveRequested && !client.draining() && (requestComplete || !requestHasBody);
        this.status = status.code();
        statusFromServer = false;
        clientCtx.writeAndFlush(LocalResponses.error(clientCtx.alloc(), status, reason, keepAlive, http10Client));
        responseStarted = true;
        if (!keepAlive) {
            phase = Phase.DONE;
            client.exchangeFinished(false);
        } else if (requestComplete) {
            finishLocal();
        } else {
            client.updateReading();
        }
    }

    private BackendConnection detachConnection() {
        BackendConnection conn = connection;
        connection = null;
        conn.unassign();
        return conn;
    }

    private void releaseServer() {
        if (holdsSlot) {
            holdsSlot = false;
            serverTraffic.requestEnded();
            backend.balancer().connectionReleased(server);
            backend.slots(server).release();
        }
    }

    private void releaseBodyBeforeConnection() {
        if (bodyBeforeConnection != null) {
            HttpContent content;
            while ((content = bodyBeforeConnection.pollFirst()) != null) {
                content.release();
            }
        }
    }

    // ---- reporting ----

    /** The current attempt on {@link #server} failed: counted for it and its backend. */
    private void attemptFailed(ErrorKind kind) {
        serverTraffic.error(kind);
        backendTraffic.counters().error(kind);
    }

    /**
     * The exchange is over, however it ended: counts it in the frontend's, backend's and responding server's
     * statistics and writes its access-log line. Called by the client connection when it lets go of the exchange,
     * so exactly once; later calls do nothing.
     */
    void report() {
        if (reported) {
            return;
        }
        reported = true;
        long endNanos = System.nanoTime();
        long totalNanos = endNanos - headStartNanos;
        boolean answered = status > 0;
        TrafficCounters frontendTraffic = frontend.traffic();
        frontendTraffic.requestEnded();
        if (answered) {
            frontendTraffic.response(status);
            frontendTraffic.latency(TimeUnit.NANOSECONDS.toMicros(totalNanos));
        }
        long serverResponseNanos = responseHeadNanos == 0 ? -1 : responseHeadNanos - attachedNanos;
        if (backendTraffic != null) {
            TrafficCounters backendCounters = backendTraffic.counters();
            backendCounters.requestEnded();
            if (answered) {
                backendCounters.response(status);
            }
            if (statusFromServer) {
                long micros = TimeUnit.NANOSECONDS.toMicros(serverResponseNanos);
                backendCounters.latency(micros);
                serverTraffic.response(status);
                serverTraffic.latency(micros);
            }
        }
        AccessLog accessLog = frontend.accessLog();
        if (accessLog.enabled()) {
            ClientActivity activity = client.activity();
            accessLog.log(new AccessRecord(System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(totalNanos),
                    client.clientAddress(), frontend.name(), backend == null ? null : backend.name(),
                    server == null ? null : server.name(), request.method().name(), request.uri(), status,
                    activity.bytesReadSinceMark(), activity.bytesWritten() - bytesWrittenBefore,
                    millis(startNanos - headStartNanos), millis(queueWaitNanos), millis(connectNanos),
                    millis(serverResponseNanos), millis(totalNanos)));
        }
    }

    /** Milliseconds of a step's duration; -1 (the step did not happen) stays -1. */
    private static long millis(long nanos) {
        return nanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    // ---- timeouts ----

    /** @return the nearest moment (System.nanoTime) at which this exchange times out, or Long.MAX_VALUE */
    long nextDeadline() {
        if (phase != Phase.QUEUED && phase != Phase.CONNECTING && phase != Phase.FORWARDING) {
            return Long.MAX_VALUE;
        }
        long deadline = Long.MAX_VALUE;
        if (frontend.requestNanos() > 0) {
            deadline = startNanos + frontend.requestNanos();
        }
        if (phase == Phase.FORWARDING) {
            deadline = Math.min(deadline, stalls.deadline(!requestComplete, awaitingServer(),
                    client.activity().lastReadNanos()));
        }
        return deadline;
    }

    private boolean awaitingServer() {
        return requestSent || responseHeadReceived;
    }

    void onDeadline(long now) {
        if (nextDeadline() == Long.MAX_VALUE) {
            return;
        }
        if (frontend.requestNanos() > 0 && now - (startNanos + frontend.requestNanos()) >= 0) {
            fail(HttpResponseStatus.GATEWAY_TIMEOUT, "request not completed within "
                    + TimeUnit.NANOSECONDS.toMillis(frontend.requestNanos()) + " ms");
            return;
        }
        if (phase != Phase.FORWARDING) {
            return;
        }
        String serverFor = "server '" + server.name() + "' ";
        String serverTimeout = " for " + backend.config().timeouts().server().toMillis() + " ms";
        String clientTimeout = " for " + TimeUnit.NANOSECONDS.toMillis(frontend.clientIdleNanos()) + " ms";
        switch (stalls.stallAt(now, !requestComplete, awaitingServer(), client.activity().lastReadNanos())) {
            case CLIENT_SILENT -> fail(HttpResponseStatus.REQUEST_TIMEOUT,
                    "client sent no request body data" + clientTimeout);
            case SERVER_NOT_READING -> serverTimedOut(serverFor + "did not read the request body" + serverTimeout);
            case SERVER_SILENT -> serverTimedOut(serverFor + "sent no response data" + serverTimeout);
            case CLIENT_NOT_READING -> fail(HttpResponseStatus.GATEWAY_TIMEOUT,
                    "client did not read the response" + clientTimeout);
            case NONE -> {
            }
        }
    }

    private void serverTimedOut(String reason) {
        backend.passiveHealth().recordFailure(server, FailureKind.TIMEOUT);
        attemptFailed(ErrorKind.TIMEOUT);
        fail(HttpResponseStatus.GATEWAY_TIMEOUT, reason);
    }

    /** The exchange cannot go on (timeout, bad request body): answer {@code status}, or cut the connection. */
    private void fail(HttpResponseStatus status, String reason) {
        String where = backend == null ? "frontend " + frontend.name() : "backend " + backend.name();
        LOG.warn("{}: {} ({} {} from {})", where, reason, request.method(), request.uri(), client.clientIp());
        if (queueTimer != null && phase == Phase.QUEUED && server != null && !holdsSlot) {
            if (backend.slots(server).cancel(this)) {
                queueTimer.cancel(false);
            }
        }
        if (connection != null) {
            detachConnection().channel().close();
        }
        releaseServer();
        if (responseStarted) {
            phase = Phase.DONE;
            releaseBodyBeforeConnection();
            client.abort();
            return;
        }
        respondLocally(status, reason);
    }
}
