package dev.ballast.node.health;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoHandle;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The socket of a tcp check, without a Netty channel, pipeline or promise: it is opened non-blocking, connects, and
 * its connection is reset as soon as the connect is decided, as HAProxy does (closed with SO_LINGER 0, or
 * disconnected where the transport lets the next check connect the same socket again). It also asks the
 * kernel to delay its ACK of the server's SYN-ACK (TCP_QUICKACK off, as HAProxy does for checks that send nothing):
 * the check passes on the SYN-ACK, and the reset that follows before any ACK spares the server creating,
 * queueing and accepting a connection for every check. Confined to the event loop it registers with.
 */
abstract class CheckSocket implements IoHandle {

    private IoRegistration registration;
    private Runnable onReady;

    /** Opens a socket for the transport of {@code loop} (epoll or NIO). */
    static CheckSocket open(IoEventLoop loop, InetSocketAddress address) throws IOException {
        if (loop.isIoType(EpollIoHandler.class)) {
            return EpollCheckSocket.open(address);
        }
        if (loop.isIoType(NioIoHandler.class)) {
            return NioCheckSocket.open();
        }
        throw new IllegalStateException("tcp health checks run on epoll or NIO event loops, not on " + loop);
    }

    /** Starts connecting; true when the connection is already established (a local server often answers at once). */
    abstract boolean connect(InetSocketAddress address) throws IOException;

    /** After the socket became ready: true when connected, false when still connecting; throws the connect error. */
    abstract boolean finishConnect() throws IOException;

    /** The readiness that ends a connect, in the event loop's terms. */
    abstract IoOps connectOps();

    /** Closes the socket at once, with a reset if it is connected. */
    abstract void closeSocket();

    /**
     * Resets the connection but keeps the socket for the next check, if the transport can: false when it cannot
     * (the caller then closes the socket). Ends any registration with the event loop first.
     */
    final boolean disconnect() {
        if (registration != null) {
            registration.cancel(); // the descriptor stays open: this removes it from the loop's watch
            registration = null;
        }
        onReady = null;
        return disconnectSocket();
    }

    /** Resets the connection, leaving the socket ready to connect again; false when the transport cannot. */
    abstract boolean disconnectSocket();

    /** Runs {@code onReady} on {@code loop} when the connect has ended, successfully or not. */
    final void awaitConnect(IoEventLoop loop, Runnable onReady) throws IOException {
        this.onReady = onReady;
        Future<IoRegistration> registered = loop.register(this);
        // Registering from the event loop itself completes at once: no listener, no hop.
        if (!registered.isDone()) {
            throw new IllegalStateException("a tcp check registered its socket from outside its event loop");
        }
        if (!registered.isSuccess()) {
            throw new IOException("cannot watch the check's socket: " + registered.cause(), registered.cause());
        }
        registration = registered.getNow();
        registration.submit(connectOps());
    }

    /** Closes the socket and leaves the event loop; idempotent. */
    final void reset() {
        closeSocket();
        if (registration != null) {
            registration.cancel(); // after the close: a closed descriptor has already left epoll, no syscall
            registration = null;
        }
    }

    @Override
    public final void handle(IoRegistration registration, IoEvent event) {
        if (onReady != null) {
            onReady.run();
        }
    }

    @Override
    public final void close() {
        reset();
    }
}
