package dev.ballast.node.health;

import io.netty.buffer.ByteBuf;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoHandle;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The socket of an active check, without a Netty channel, pipeline, promise or buffer allocation: a non-blocking
 * socket watched directly by the event loop's epoll or selector.
 *
 * <p>A tcp check's socket ({@link #forConnectCheck}) is reset as soon as the connect is decided, as HAProxy does
 * (closed with SO_LINGER 0, or disconnected where the transport lets the next check connect the same socket
 * again). It also asks the kernel to delay its ACK of the server's SYN-ACK (as HAProxy does with TCP_QUICKACK off
 * for checks that send nothing): the check passes on the SYN-ACK, and the reset that follows before any ACK spares the
 * server creating, queueing and accepting a connection for every check.
 *
 * <p>An http check's socket ({@link #forRequests}) is kept open from one check to the next and watched for reads
 * as long as it is open, so that a check is one write and one read, with no change of what epoll watches.
 *
 * <p>Confined to the event loop it registers with.
 */
abstract class CheckSocket implements IoHandle {

    /** What the socket waits for. */
    enum Interest { CONNECT, READ, READ_WRITE }

    private IoRegistration registration;
    private Interest interest;
    private Runnable onReady;

    /** A socket for a tcp check on the transport of {@code loop} (epoll or NIO): connect, then reset. */
    static CheckSocket forConnectCheck(IoEventLoop loop, InetSocketAddress address) throws IOException {
        return open(loop, address, true);
    }

    /** A socket for requests and responses (http checks) on the transport of {@code loop} (epoll or NIO). */
    static CheckSocket forRequests(IoEventLoop loop, InetSocketAddress address) throws IOException {
        return open(loop, address, false);
    }

    private static CheckSocket open(IoEventLoop loop, InetSocketAddress address, boolean connectOnly)
            throws IOException {
        if (loop.isIoType(EpollIoHandler.class)) {
            return EpollCheckSocket.open(address, connectOnly);
        }
        if (loop.isIoType(NioIoHandler.class)) {
            return NioCheckSocket.open(connectOnly);
        }
        throw new IllegalStateException("health checks run on epoll or NIO event loops, not on " + loop);
    }

    /** Starts connecting; true when the connection is already established (a local server often answers at once). */
    abstract boolean connect(InetSocketAddress address) throws IOException;

    /** After the socket became ready: true when connected, false when still connecting; throws the connect error. */
    abstract boolean finishConnect() throws IOException;

    /**
     * Writes bytes {@code from} to {@code to} of {@code data}; answers how many went out, 0 when the socket's
     * buffer is full.
     */
    abstract int write(ByteBuf data, int from, int to) throws IOException;

    /**
     * Reads into the writable space of {@code into}, advancing its writer index; answers how many bytes came, 0
     * when none is waiting, -1 at the end of the stream.
     */
    final int read(ByteBuf into) throws IOException {
        int at = into.writerIndex();
        int n = receive(into, at);
        if (n > 0) {
            into.writerIndex(at + n);
        }
        return n;
    }

    /** Receives into {@code into} from index {@code at} on, up to its capacity, as {@link #read} answers. */
    abstract int receive(ByteBuf into, int at) throws IOException;

    /** The readiness {@code interest} waits for, in the event loop's terms. */
    abstract IoOps ops(Interest interest);

    /** Closes the socket at once, with a reset if it is connected. */
    abstract void closeSocket();

    /**
     * Resets the connection but keeps the socket for the next check, if the transport can: false when it cannot
     * (the caller then closes the socket). A kept socket stays watched for the same interest, so the next check's
     * wait costs no epoll_ctl: the transport's watch for a connect is edge-triggered (see
     * {@link EpollCheckSocket#ops}), and the hang-up the disconnect reports finds nothing to run.
     */
    final boolean disconnect() {
        onReady = null;
        return disconnectSocket();
    }

    /** Resets the connection, leaving the socket ready to connect again; false when the transport cannot. */
    abstract boolean disconnectSocket();

    /**
     * Runs {@code onReady} on {@code loop} whenever the socket is ready for {@code interest} (or failed), until the
     * interest changes or the socket is closed. A repeated call with the same interest costs nothing; {@code onReady}
     * must tolerate being run when nothing is ready.
     */
    final void watch(IoEventLoop loop, Interest interest, Runnable onReady) throws IOException {
        this.onReady = onReady;
        if (registration == null) {
            Future<IoRegistration> registered = loop.register(this);
            // Registering from the event loop itself completes at once: no listener, no hop.
            if (!registered.isDone()) {
                throw new IllegalStateException("a health check registered its socket from outside its event loop");
            }
            if (!registered.isSuccess()) {
                throw new IOException("cannot watch the check's socket: " + registered.cause(), registered.cause());
            }
            registration = registered.getNow();
        }
        if (this.interest != interest) {
            try {
                registration.submit(ops(interest));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            this.interest = interest;
        }
    }

    /** Closes the socket and leaves the event loop; idempotent. */
    final void reset() {
        closeSocket();
        onReady = null;
        if (registration != null) {
            registration.cancel(); // after the close: a closed descriptor has already left epoll, no syscall
            registration = null;
            interest = null;
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
