package dev.ballast.node.health;

import dev.ballast.node.config.HealthCheckConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Sends an HTTP/1.1 request and passes when the status is expected and, if asked, the body contains a substring.
 * Each server's request is encoded once; its connection is kept open between checks (see {@link HttpServerProbe}).
 */
final class HttpProbe extends Probe {

    /** How much body is scanned for the expected substring before the check gives up. */
    static final int MAX_BODY_SCANNED = 64 * 1024;

    private final HealthCheckConfig check;
    private final Bootstrap bootstrap;

    HttpProbe(EventLoopGroup group, HealthCheckConfig check) {
        super(check.timeout());
        if (check.expectStatus().isEmpty()) {
            throw new IllegalArgumentException("an http health check needs at least one expected status range");
        }
        if (check.path() == null || !check.path().startsWith("/") || hasControlOrSpace(check.path())) {
            throw new IllegalArgumentException(
                    "health-check path must start with '/' and hold no spaces, got \"" + check.path() + "\"");
        }
        check.host().filter(HttpProbe::hasControlOrSpace).ifPresent(host -> {
            throw new IllegalArgumentException("health-check host must hold no spaces, got \"" + host + "\"");
        });
        this.check = check;
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(socketChannelType(group))
                // no connect timeout of Netty's (a timer per connect): the check's own deadline covers the connect
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
                // Close with a reset, as HAProxy does for checks: a thousand checks a second would otherwise leave
                // tens of thousands of sockets in TIME_WAIT and run the host out of ephemeral ports.
                .option(ChannelOption.SO_LINGER, 0)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    @Override
    ServerProbe forServer(EventLoop loop, CheckTarget target) {
        return new HttpServerProbe(this, check, loop, target, request(target));
    }

    /** A bootstrap for check connections on {@code loop}; the caller sets its handler. */
    Bootstrap bootstrap(EventLoop loop) {
        return bootstrap.clone(loop);
    }

    /**
     * Opens a new connection for {@code run} with {@code bootstrap} (whose loop runs the check); calls
     * {@code onConnected} once it is established, or completes the run with the connect error.
     */
    void connect(Bootstrap bootstrap, CheckTarget target, ProbeRun run, Consumer<Channel> onConnected) {
        resolved((EventLoop) bootstrap.config().group(), target.address(), run, address -> {
            ChannelFuture connect = bootstrap.connect(address);
            Channel channel = connect.channel();
            run.attach(channel::close);
            connect.addListener(f -> {
                if (run.done()) {
                    return;
                }
                if (f.isSuccess()) {
                    onConnected.accept(channel);
                } else {
                    run.complete(connectFailure(f.cause()));
                }
            });
        });
    }

    /** The whole request, encoded once per server; HTTP/1.1 keeps the connection open unless the server closes it. */
    private ByteBuf request(CheckTarget target) {
        String head = check.method() + " " + check.path() + " HTTP/1.1\r\n"
                + "Host: " + check.host().orElse(target.hostHeader()) + "\r\n"
                + "User-Agent: ballast-health-check\r\n"
                + "Accept: */*\r\n"
                + "\r\n";
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }

    private static boolean hasControlOrSpace(String value) {
        return value.chars().anyMatch(c -> c <= ' ' || c == 0x7f);
    }

    /** The socket channel class matching the transport of the node's event loops (epoll or NIO). */
    private static Class<? extends SocketChannel> socketChannelType(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)
                ? EpollSocketChannel.class
                : NioSocketChannel.class;
    }
}
