package dev.ballast.node.health;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
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
 * checks. This class holds what all kinds share: the check's deadline, resolving names off the event loops, and
 * turning connect errors into results.
 */
abstract class Probe {

    private final long timeoutMillis;

    Probe(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("health-check timeout must be positive, got " + timeout);
        }
        this.timeoutMillis = timeout.toMillis();
    }

    /** The check sockets ({@link CheckSocket}) run on epoll or NIO event loops only. */
    static void requireEpollOrNio(EventLoopGroup group, String kind) {
        if (!(group instanceof IoEventLoopGroup io)
                || !(io.isIoType(EpollIoHandler.class) || io.isIoType(NioIoHandler.class))) {
            throw new IllegalArgumentException(kind + " health checks need epoll or NIO event loops, not " + group);
        }
    }

    /** The checks of the server at {@code target}, run on the loop of {@code timer}. */
    abstract ServerProbe forServer(CheckTimer timer, CheckTarget target);

    /** Starts a check whose deadline runs from now on {@code timer}. */
    final ProbeRun newRun(CheckTimer timer, Consumer<CheckResult> onDone) {
        return ProbeRun.start(timer, timeoutMillis, onDone);
    }

    /**
     * A check that started at {@code startedNanos} and has not waited yet; its deadline, counted from then, is armed
     * only if it waits for something (see {@link ProbeRun#armDeadline}).
     */
    final ProbeRun newUnarmedRun(CheckTimer timer, long startedNanos, Consumer<CheckResult> onDone) {
        return ProbeRun.unarmed(timer, timeoutMillis, startedNanos, onDone);
    }

    /**
     * Calls {@code then} on {@code loop} with {@code address} resolved, unless {@code run} ended meanwhile; completes
     * {@code run} as failed when the name does not resolve. The run's deadline must already be armed when the
     * address is a name: a lookup blocks, so it runs off the event loops, which also carry the data plane.
     */
    static void resolved(EventLoop loop, InetSocketAddress address, ProbeRun run, Consumer<InetSocketAddress> then) {
        if (!address.isUnresolved()) {
            then.accept(address);
            return;
        }
        GlobalEventExecutor.INSTANCE.execute(() -> {
            Optional<InetSocketAddress> resolved = resolve(address);
            loop.execute(() -> {
                if (!run.done()) {
                    resolved.ifPresentOrElse(then, () -> run.complete(
                            CheckResult.failed("cannot resolve " + address.getHostString())));
                }
            });
        });
    }

    static CheckResult connectFailure(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof ConnectException && message.toLowerCase(Locale.ROOT).contains("refused")) {
            return CheckResult.failed("connect refused");
        }
        return CheckResult.failed("connect failed: " + message);
    }

    private static Optional<InetSocketAddress> resolve(InetSocketAddress unresolved) {
        try {
            return Optional.of(new InetSocketAddress(
                    InetAddress.getByName(unresolved.getHostString()), unresolved.getPort()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
