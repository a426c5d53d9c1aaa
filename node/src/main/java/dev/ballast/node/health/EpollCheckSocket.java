package dev.ballast.node.health;

import io.netty.buffer.ByteBuf;
import io.netty.channel.IoOps;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A check's socket on an epoll event loop: a native non-blocking socket, watched by the loop's epoll, and kept from
 * one check to the next (a tcp check's socket disconnected and connected again, an http check's connection kept).
 */
final class EpollCheckSocket extends CheckSocket implements EpollIoHandle {

    /** setsockopt level and option of TCP_QUICKACK (Linux's netinet/tcp.h), which Netty sets only on channels. */
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_QUICKACK = 12;

    private final LinuxSocket socket;
    private final boolean connectOnly;

    private EpollCheckSocket(LinuxSocket socket, boolean connectOnly) {
        this.socket = socket;
        this.connectOnly = connectOnly;
    }

    /** @param connectOnly a tcp check's socket (delayed ACK of the SYN-ACK), else one that carries requests */
    static EpollCheckSocket open(InetSocketAddress address, boolean connectOnly) throws IOException {
        LinuxSocket socket = LinuxSocket.newSocketStream(address.getAddress() instanceof Inet6Address);
        try {
            socket.setSoLinger(0);
            if (!connectOnly) {
                socket.setTcpNoDelay(true);
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new EpollCheckSocket(socket, connectOnly);
    }

    @Override
    boolean connect(InetSocketAddress address) throws IOException {
        if (connectOnly) {
            socket.setIntOpt(IPPROTO_TCP, TCP_QUICKACK, 0); // per connect: a disconnect turns quick ACKs back on
        }
        // A local server's SYN-ACK is processed before connect() returns, which still says "in progress": a pending
        // error (refused) is thrown by finishConnect, and a peer address means the connection is up.
        return socket.connect(address) || (socket.finishConnect() && socket.remoteAddress() != null);
    }

    @Override
    boolean finishConnect() throws IOException {
        return socket.finishConnect() && socket.remoteAddress() != null;
    }

    @Override
    int write(ByteBuf data, int from, int to) throws IOException {
        if (data.hasMemoryAddress()) {
            return socket.sendAddress(data.memoryAddress(), from, to);
        }
        ByteBuffer nio = data.internalNioBuffer(from, to - from);
        return socket.send(nio, nio.position(), nio.limit());
    }

    @Override
    int read(ByteBuf into) throws IOException {
        int at = into.writerIndex();
        int n;
        if (into.hasMemoryAddress()) {
            n = socket.recvAddress(into.memoryAddress(), at, into.capacity());
        } else {
            ByteBuffer nio = into.internalNioBuffer(at, into.writableBytes());
            n = socket.recv(nio, nio.position(), nio.limit());
        }
        if (n > 0) {
            into.writerIndex(at + n);
        }
        return n;
    }

    @Override
    IoOps ops(Interest interest) {
        return switch (interest) {
            case CONNECT -> EpollIoOps.EPOLLOUT;
            case READ -> EpollIoOps.EPOLLIN;
            case READ_WRITE -> EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLOUT);
        };
    }

    @Override
    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // close(2) releases the descriptor even when it reports an error: nothing is left to clean up
        }
    }

    /**
     * connect(AF_UNSPEC): the kernel resets the connection as a close with SO_LINGER 0 would, and the socket can
     * connect again, so the next check needs no socket(2) and close(2), nor the kernel's work behind them.
     */
    @Override
    boolean disconnectSocket() {
        try {
            socket.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public FileDescriptor fd() {
        return socket;
    }
}
