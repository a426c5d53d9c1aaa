package dev.ballast.node.demo;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Netty transport a server runs on: native epoll where the platform offers it, NIO otherwise.
 *
 * @param name          "epoll" or "nio", for log lines
 * @param ioHandlers    creates the event loops' I/O handlers
 * @param serverChannel the listening channel type matching {@code ioHandlers}
 */
record NettyTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {

    private static final Logger LOG = LogManager.getLogger(NettyTransport.class);

    /** The best transport available here; says why when it has to fall back to NIO. */
    static NettyTransport detect() {
        if (Epoll.isAvailable()) {
            return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        LOG.info("native epoll transport unavailable, using NIO: {}", String.valueOf(Epoll.unavailabilityCause()));
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    /** Event loops whose threads are named {@code threadPrefix-N}, so thread dumps say whose they are. */
    MultiThreadIoEventLoopGroup newEventLoops(int threads, String threadPrefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix), ioHandlers);
    }
}
