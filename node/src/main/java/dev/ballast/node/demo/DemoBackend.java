package dev.ballast.node.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A small, fast HTTP/1.1 server for demos, tests and benchmarks (see {@code ballast demo-backend --help}).
 * Endpoints: {@code /} (and any other path) names the backend and echoes method, path and headers; {@code /health}
 * answers 200, or 503 after {@code POST /health/fail} until {@code POST /health/ok}; {@code /delay?ms=N};
 * {@code /status?code=N}; {@code /bytes?n=N} streams N bytes of a fixed pattern; {@code POST /echo} streams the body
 * back; {@code /ws} is a WebSocket echo. Every response carries {@code X-Backend: NAME}.
 *
 * <pre>
 * try (DemoBackend backend = DemoBackend.onLoopback("web1")) {
 *     int port = backend.start();
 *     ...
 * }
 * </pre>
 */
public final class DemoBackend implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(DemoBackend.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_THREADS = 64;

    private final DemoBackendState state;
    private final InetSocketAddress bindAddress;
    private final int threads;
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Open client connections, closed explicitly by {@link #close()} so that no peer is left hanging on one. */
    private final ChannelGroup connections = new DefaultChannelGroup("demo-connections", GlobalEventExecutor.INSTANCE);

    private EventLoopGroup eventLoops;
    private Channel listener;

    /**
     * @param name        shown in responses and the X-Backend header: 1 to 64 letters, digits, '.', '_' or '-'
     * @param bindAddress where to listen; port 0 picks a free port
     * @param threads     event loops, 1 to 64
     */
    public DemoBackend(String name, InetSocketAddress bindAddress, int threads) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("demo backend name \"" + name
                    + "\" must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("demo backend threads must be from 1 to " + MAX_THREADS + ", got "
                    + threads);
        }
        this.state = new DemoBackendState(name);
        this.bindAddress = bindAddress;
        this.threads = threads;
    }

    /** A one-thread backend on a free loopback port. */
    public static DemoBackend onLoopback(String name) {
        return new DemoBackend(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    }

    /**
     * Starts listening.
     *
     * @return the bound port (the chosen one when the port was 0)
     * @throws IOException naming the address when it cannot be bound
     */
    public synchronized int start() throws IOException {
        if (eventLoops != null) {
            throw new IllegalStateException("demo backend " + name() + " was already started");
        }
        NettyTransport transport = NettyTransport.detect();
        eventLoops = transport.newEventLoops(threads, "demo-" + name());
        ChannelFuture bound = new ServerBootstrap()
                .group(eventLoops)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(128 * 1024, 512 * 1024))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        connections.add(channel);
                        configure(channel.pipeline());
                    }
                })
                .bind(bindAddress)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            close();
            throw new IOException("demo backend " + name() + " cannot listen on " + hostAndPort(bindAddress) + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        listener = bound.channel();
        LOG.info("demo backend {} listening on {} ({}, {} event loop{})", name(), hostAndPort(address()),
                transport.name(), threads, threads == 1 ? "" : "s");
        return port();
    }

    private void configure(ChannelPipeline pipeline) {
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxHeaderSize(16 * 1024)
                .setMaxChunkSize(64 * 1024)));
        // Outbound: sits before every handler that writes responses, so it sees them all.
        pipeline.addLast("x-backend", new BackendHeaderStamper(state.name()));
        pipeline.addLast("continue", new HttpServerExpectContinueHandler());
        pipeline.addLast("ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .build()));
        pipeline.addLast("ws-echo", new WebSocketEchoHandler());
        pipeline.addLast("demo", new DemoRequestHandler(state));
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public String name() {
        return state.name().toString();
    }

    /** The address listened on. */
    public synchronized InetSocketAddress address() {
        if (listener == null) {
            throw new IllegalStateException("demo backend " + name() + " is not listening");
        }
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Whether /health answers 200 (true) or 503 (false). */
    public boolean healthy() {
        return state.healthy();
    }

    /** Switches what /health answers, as {@code POST /health/ok} and {@code /health/fail} do. */
    public void healthy(boolean healthy) {
        if (state.healthy(healthy)) {
            LOG.info("demo backend {}: /health switched to {}", name(), healthy ? "ok" : "failing");
        }
    }

    /** Requests answered so far, health checks (GET /health) left out: what traffic sent here. */
    public long requests() {
        return state.requests();
    }

    /** /bytes body bytes handed to connections so far (they can be at most one write buffer ahead of the client). */
    public long streamedBytes() {
        return state.streamedBytes();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops listening, closes every connection and frees the event loops. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
        if (eventLoops != null) {
            eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
            state.release();
            LOG.info("demo backend {} stopped", name());
        }
        closed.countDown();
    }
}
