package dev.ballast.node.health;

import io.netty.bootstrap.Bootstrap;
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
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A kind of active check (tcp, http): it makes, for each server, the {@link ServerProbe} that runs that server's
 * checks. This class holds what all kinds share: connecting with a hard deadline, resolving names off the event
 * loops, and turning connect errors into results.
 */
abstract class Probe {

    private final Bootstrap bootstrap;
    private final long timeoutMillis;

    Probe(EventLoopGroup group, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("health-check timeout must be positive, got " + timeout);
        }
        this.timeoutMillis = timeout.toMillis();
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

    /** The checks of the server at {@code target}, run on {@code loop}. */
    abstract ServerProbe forServer(EventLoop loop, CheckTarget target);

    /** A bootstrap for check connections on {@code loop}; the caller sets its handler. */
    final Bootstrap bootstrap(EventLoop loop) {
        return bootstrap.clone(loop);
    }

    /** Starts a check's deadline on {@code loop}. */
    final ProbeRun newRun(EventLoop loop, Consumer<CheckResult> onDone) {
        return ProbeRun.start(loop, timeoutMillis, onDone);
    }

    /**
     * Opens a new connection for {@code run} with {@code bootstrap} (whose loop runs the check); calls
     * {@code onConnected} once it is established, or completes the run with the connect error.
     */
    final void connect(Bootstrap bootstrap, CheckTarget target, ProbeRun run, Consumer<Channel> onConnected) {
        InetSocketAddress address = target.address();
        EventLoop loop = (EventLoop) bootstrap.config().group();
        if (address.isUnresolved()) {
            // A name lookup blocks: it runs off the event loops, which also carry the data plane, and the
            // check's deadline covers it.
            GlobalEventExecutor.INSTANCE.execute(() -> {
                Optional<InetSocketAddress> resolved = resolve(address);
                loop.execute(() -> {
                    if (!run.done()) {
                        resolved.ifPresentOrElse(a -> connect(bootstrap, a, run, onConnected), () -> run.complete(
                                CheckResult.failed("cannot resolve " + address.getHostString())));
                    }
                });
            });
        } else {
            connect(bootstrap, address, run, onConnected);
        }
    }

    private void connect(Bootstrap bootstrap, InetSocketAddress address, ProbeRun run,
                         Consumer<Channel> onConnected) {
        ChannelFuture connect = bootstrap.connect(address);
        run.attach(connect.channel());
        connect.addListener(f -> {
            if (run.done()) {
                return;
            }
            if (f.isSuccess()) {
                onConnected.accept(connect.channel());
            } else {
                run.complete(connectFailure(f.cause()));
            }
        });
    }

    private static Optional<InetSocketAddress> resolve(InetSocketAddress unresolved) {
        try {
            return Optional.of(new InetSocketAddress(
                    InetAddress.getByName(unresolved.getHostString()), unresolved.getPort()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static CheckResult connectFailure(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof ConnectException && message.toLowerCase(Locale.ROOT).contains("refused")) {
            return CheckResult.failed("connect refused");
        }
        return CheckResult.failed("connect failed: " + message);
    }

    /** The socket channel class matching the transport of the node's event loops (epoll or NIO). */
    static Class<? extends SocketChannel> socketChannelType(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)
                ? EpollSocketChannel.class
                : NioSocketChannel.class;
    }
}
