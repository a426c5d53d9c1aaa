package dev.ballast.node.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An active check over one fresh TCP connection, with a hard deadline covering connect, request and response.
 * Subclasses say what to do with the connection; this class connects, enforces the deadline and maps connect
 * errors to results.
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
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                // Close with a reset, as HAProxy does for checks: a thousand checks a second would otherwise leave
                // tens of thousands of sockets in TIME_WAIT and run the host out of ephemeral ports.
                .option(ChannelOption.SO_LINGER, 0)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /** Starts a check on {@code loop}; {@code onDone} runs there once, unless the run is aborted first. */
    final ProbeRun start(EventLoop loop, CheckTarget target, Consumer<CheckResult> onDone) {
        ProbeRun run = new ProbeRun(onDone);
        run.deadline(loop.schedule(
                () -> run.complete(CheckResult.timedOut(timeoutMillis)), timeoutMillis, TimeUnit.MILLISECONDS));
        InetSocketAddress address = target.address();
        if (address.isUnresolved()) {
            // A name lookup blocks: it runs off the event loops, which also carry the data plane, and the
            // check's deadline covers it.
            GlobalEventExecutor.INSTANCE.execute(() -> {
                Optional<InetSocketAddress> resolved = resolve(address);
                loop.execute(() -> {
                    if (!run.done()) {
                        resolved.ifPresentOrElse(a -> connect(loop, a, target, run), () -> run.complete(
                                CheckResult.failed("cannot resolve " + address.getHostString())));
                    }
                });
            });
        } else {
            connect(loop, address, target, run);
        }
        return run;
    }

    private void connect(EventLoop loop, InetSocketAddress address, CheckTarget target, ProbeRun run) {
        ChannelFuture connect = bootstrap.clone(loop)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        prepare(channel, target, run);
                    }
                })
                .connect(address);
        run.attach(connect.channel());
        connect.addListener(f -> {
            if (run.done()) {
                return;
            }
            if (f.isSuccess()) {
                connected(connect.channel(), target, run);
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

    /** Sets up the new channel's pipeline before it connects. */
    abstract void prepare(Channel channel, CheckTarget target, ProbeRun run);

    /** The connection is established: finish the check or send what it needs. */
    abstract void connected(Channel channel, CheckTarget target, ProbeRun run);

    long timeoutMillis() {
        return timeoutMillis;
    }

    private CheckResult connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return CheckResult.timedOut(timeoutMillis);
        }
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
