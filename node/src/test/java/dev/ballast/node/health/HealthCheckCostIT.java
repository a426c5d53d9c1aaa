package dev.ballast.node.health;

import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.HealthCheckConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures what active checks cost: 1,000 servers (1,000 loopback ports of one small Netty HTTP server) checked
 * every second, CPU time of the checker's event-loop threads over the measured window as a share of one core.
 * Prints the figure; asserts only a very generous sanity bound. Tunable with -Dhealth.cost.servers,
 * -Dhealth.cost.seconds and -Dhealth.cost.type (HTTP or TCP).
 */
class HealthCheckCostIT {

    private static final int SERVERS = Integer.getInteger("health.cost.servers", 1000);
    private static final int SECONDS = Integer.getInteger("health.cost.seconds", 30);
    private static final HealthCheckConfig.Type TYPE =
            HealthCheckConfig.Type.valueOf(System.getProperty("health.cost.type", "HTTP"));
    private static final String CHECKER_THREADS = "health-cost-checker";
    private static final String BACKEND_THREADS = "health-cost-backend";

    @Test
    void thousandServersAtOneSecondCostLittleCpu() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EventLoopGroup backendLoops = group(1, BACKEND_THREADS);
        EventLoopGroup checkerLoops = group(2, CHECKER_THREADS); // the node runs one event loop per core
        List<Channel> listeners = new ArrayList<>();
        try {
            BackendFixture fixture = new BackendFixture();
            fixture.type = TYPE;
            fixture.interval = fixture.fastInterval = fixture.downInterval = Duration.ofSeconds(1);
            fixture.jitter = 0.05;
            fixture.path = "/health";
            for (int i = 0; i < SERVERS; i++) {
                Channel listener = bindOkServer(backendLoops);
                listeners.add(listener);
                fixture.server("s" + i, ((InetSocketAddress) listener.localAddress()).getPort());
            }
            double floorMicros = bareConnectCpuMicros(threads, (InetSocketAddress) listeners.get(0).localAddress());
            BackendConfig config = fixture.config();
            try (HealthChecker checker = new HealthChecker(config, BackendFixture.dataPlaneServers(config),
                    checkerLoops, (server, from, to, reason) -> { })) {
                checker.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> checker.snapshot().stream()
                        .allMatch(s -> s.state() == HealthState.UP));
                long checksBefore = totalChecks(checker);
                long checkerCpuBefore = cpuNanos(threads, CHECKER_THREADS);
                long checkerUserBefore = userNanos(threads, CHECKER_THREADS);
                long backendCpuBefore = cpuNanos(threads, BACKEND_THREADS);
                long wallBefore = System.nanoTime();

                await().pollDelay(Duration.ofSeconds(SECONDS)).atMost(Duration.ofSeconds(SECONDS + 30))
                        .until(() -> true);

                long wall = System.nanoTime() - wallBefore;
                long checkerCpu = cpuNanos(threads, CHECKER_THREADS) - checkerCpuBefore;
                long backendCpu = cpuNanos(threads, BACKEND_THREADS) - backendCpuBefore;
                long checks = totalChecks(checker) - checksBefore;
                long checkerUser = userNanos(threads, CHECKER_THREADS) - checkerUserBefore;
                double meanCheckMillis = checker.snapshot().stream()
                        .mapToDouble(s -> s.lastCheck().orElseThrow().duration().toNanos() / 1e6).average().orElse(0);
                double checkerPercent = 100.0 * checkerCpu / wall;
                System.out.printf("health-check cost: %d servers, %s checks, 1 s interval, %.1f s measured: "
                                + "%d checks (%.0f/s), checker threads %.0f ms CPU = %.2f%% of one core "
                                + "(%.1f us per check, %.0f%% of it in user mode); a check lasted %.2f ms on average; "
                                + "the in-test backend used %.2f%% of one core%n",
                        SERVERS, TYPE, wall / 1e9, checks, checks / (wall / 1e9), checkerCpu / 1e6,
                        checkerPercent, checkerCpu / 1e3 / Math.max(1, checks), 100.0 * checkerUser / checkerCpu,
                        meanCheckMillis, 100.0 * backendCpu / wall);
                System.out.printf("for scale, on this host a bare blocking connect + close costs %.1f us CPU, so "
                        + "%d connections a second cost %.2f%% of one core before any checking%n",
                        floorMicros, SERVERS, floorMicros * SERVERS / 1e4);

                // each server is checked about once per interval plus the check itself; a loaded box adds delay
                assertThat(checks).isGreaterThan((long) (SERVERS * (wall / 1e9) * 0.4));
                assertThat(checker.snapshot()).allMatch(s -> s.state() == HealthState.UP);
                assertThat(checkerPercent).isLessThan(50); // a sanity bound only; the figure above is the result
            }
        } finally {
            for (Channel listener : listeners) {
                listener.close().syncUninterruptibly();
            }
            checkerLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            backendLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static EventLoopGroup group(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name),
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    private static Channel bindOkServer(EventLoopGroup group) {
        Class<? extends ServerChannel> type = Epoll.isAvailable()
                ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        return new ServerBootstrap()
                .group(group)
                .channel(type)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new OkHandler());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    /** CPU of the cheapest possible connection check (blocking socket, no framework), per connection. */
    private static double bareConnectCpuMicros(ThreadMXBean threads, InetSocketAddress target) throws IOException {
        int connections = 3000;
        long before = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < connections; i++) {
            try (Socket socket = new Socket()) {
                socket.setSoLinger(true, 0);
                socket.connect(target);
            }
        }
        return (threads.getCurrentThreadCpuTime() - before) / 1e3 / connections;
    }

    private static long totalChecks(HealthChecker checker) {
        return checker.snapshot().stream().mapToLong(ServerHealthSnapshot::checks).sum();
    }

    private static long cpuNanos(ThreadMXBean threads, String namePrefix) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().startsWith(namePrefix))
                .mapToLong(info -> Math.max(0, threads.getThreadCpuTime(info.getThreadId())))
                .sum();
    }

    private static long userNanos(ThreadMXBean threads, String namePrefix) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().startsWith(namePrefix))
                .mapToLong(info -> Math.max(0, threads.getThreadUserTime(info.getThreadId())))
                .sum();
    }

    /** Answers every request 200 "ok", keeping the connection open as HTTP/1.1 servers do. */
    private static final class OkHandler extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpRequest) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
                response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 2);
                ctx.writeAndFlush(response); // the connection stays open: the checker reuses it
            }
        }
    }
}
