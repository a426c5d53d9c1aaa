package dev.ballast.node.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The event loops and socket channel types of one node: native epoll when the platform offers it, NIO otherwise.
 * Frontend listeners, client connections and backend connections all live on the same loops, so a backend
 * connection can be opened on the loop of the client connection that uses it.
 * <p>
 * The event-loop threads ({@code ballast-io-N}) run at the lowest Java priority: with
 * {@code -XX:ThreadPriorityPolicy=1} (bin/ballast sets it) the JVM gives them Linux nice 4, so that the cluster's
 * failure detection (JGroups' timer, bundler and receiver threads, at nice 0) gets the CPU first when the data plane
 * saturates the machine. Lowering a thread's priority needs no privilege; without the flag the JVM ignores priorities.
 */
public final class Transport {

    private static final Logger LOG = LogManager.getLogger(Transport.class);

    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannelType;
    private final Class<? extends Channel> channelType;

    private Transport(EventLoopGroup group, Class<? extends ServerChannel> serverChannelType,
                      Class<? extends Channel> channelType) {
        this.group = group;
        this.serverChannelType = serverChannelType;
        this.channelType = channelType;
    }

    /**
     * Starts the event loops.
     *
     * @param threads event-loop threads; 0 means one per available core
     */
    public static Transport start(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("node.threads must be 0 (one per core) or positive, got " + threads);
        }
        int loops = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (Epoll.isAvailable()) {
            LOG.info("Transport: native epoll, {} event loop(s)", loops);
            return new Transport(group(loops, EpollIoHandler.newFactory()), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        LOG.info("Transport: NIO, {} event loop(s) (native epoll unavailable: {})", loops,
                String.valueOf(Epoll.unavailabilityCause()));
        return new Transport(group(loops, NioIoHandler.newFactory()), NioServerSocketChannel.class,
                NioSocketChannel.class);
    }

    private static EventLoopGroup group(int loops, IoHandlerFactory ioHandlers) {
        return new MultiThreadIoEventLoopGroup(loops,
                new DefaultThreadFactory("ballast-io", false, Thread.MIN_PRIORITY), ioHandlers);
    }

    /**
     * Lets other sockets of the same user listen on the same address and port (SO_REUSEPORT): a node taking over a
     * VIP in bind mode on the same host binds before the former owner closes.
     */
    public void sharePort(ServerBootstrap bootstrap) {
        if (serverChannelType == EpollServerSocketChannel.class) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        } else {
            bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        }
    }

    /**
     * Once a listener of a shared port is bound (the kernel refuses a listener that brings its own program into a
     * group), sends the port's new connections to the listener that joined last ({@link NewestListenerSteering}), so
     * that none is caught in the former owner's accept queue when it closes. Native epoll only: with NIO the kernel
     * keeps spreading them over both listeners, and a handover may reset a connection.
     */
    public void steerToNewestListener(Channel listener) {
        if (serverChannelType != EpollServerSocketChannel.class) {
            return;
        }
        Optional<ByteBuffer> program = NewestListenerSteering.program();
        if (program.isEmpty()) {
            LOG.warn("Listener {}: new connections cannot be steered to the newest listener on this platform (not "
                    + "64-bit); a bind-mode handover may reset a connection", listener.localAddress());
            return;
        }
        try {
            listener.config().setOption(NewestListenerSteering.OPTION, program.get());
        } catch (ChannelException e) {
            LOG.warn("Listener {}: cannot steer new connections to the newest listener ({}); a bind-mode handover "
                    + "may reset a connection", listener.localAddress(), e.getCause() == null ? e : e.getCause());
        }
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends ServerChannel> serverChannelType() {
        return serverChannelType;
    }

    public Class<? extends Channel> channelType() {
        return channelType;
    }
}
