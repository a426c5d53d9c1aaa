package dev.ballast.node.health;

import io.netty.buffer.ByteBuf;
import io.netty.channel.IoOps;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A check's socket on an epoll event loop: a native non-blocking socket, watched by the loop's epoll, and kept from
 * one check to the next (a tcp check's socket disconnected and connected again, an http check's connection kept).
 */
final class EpollCheckSocket extends CheckSocket implements EpollIoHandle {

    /** getsockopt/setsockopt level and options (Linux's netinet/tcp.h) that Netty's LinuxSocket does not expose. */
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_DEFER_ACCEPT = 9;
    private static final int TCP_INFO = 11;
    /** tcp_info.tcpi_state values (Linux's include/net/tcp_states.h). */
    private static final int TCP_ESTABLISHED = 1;
    private static final int TCP_SYN_SENT = 2;
    private static final int TCP_CLOSE_WAIT = 8;
    /** Where tcpi_state, the first byte of struct tcp_info, lands in the int getsockopt fills. */
    private static final boolean STATE_IN_LOW_BYTE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

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
            if (connectOnly) {
                // On a connecting socket, TCP_DEFER_ACCEPT delays the ACK of the server's SYN-ACK as TCP_QUICKACK off
                // does (tcp_rcv_synsent_state_process), and unlike it survives the disconnect between two checks:
                // set once per socket instead of once per connect.
                socket.setIntOpt(IPPROTO_TCP, TCP_DEFER_ACCEPT, 1);
            } else {
                socket.setTcpNoDelay(true);
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new EpollCheckSocket(socket, connectOnly);
    }

    /**
     * A local server's SYN-ACK is processed before connect() returns, which still says "in progress": the
     * connection's state, one getsockopt, then says it is up. See {@link #finishConnect}.
     */
    @Override
    boolean connect(InetSocketAddress address) throws IOException {
        return socket.connect(address) || finishConnect();
    }

    /**
     * One getsockopt(TCP_INFO) in the usual cases: established, or still waiting for the SYN-ACK. Only a connect
     * that ended otherwise (refused, unreachable) asks for its error, which it throws.
     */
    @Override
    boolean finishConnect() throws IOException {
        int state = tcpState();
        if (state == TCP_ESTABLISHED || state == TCP_CLOSE_WAIT) { // CLOSE_WAIT: established, then closed by the server
            return true;
        }
        if (state == TCP_SYN_SENT) {
            return false;
        }
        if (socket.finishConnect()) { // SO_ERROR: throws the connect's error, if there is one
            throw new ConnectException("connect failed: the connection is in TCP state " + state
                    + ", not established, and the socket reports no error");
        }
        return false;
    }

    private int tcpState() throws IOException {
        int head = socket.getIntOpt(IPPROTO_TCP, TCP_INFO); // the first 4 bytes of struct tcp_info
        return STATE_IN_LOW_BYTE ? head & 0xff : head >>> 24;
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
    int receive(ByteBuf into, int at) throws IOException {
        if (into.hasMemoryAddress()) {
            return socket.recvAddress(into.memoryAddress(), at, into.capacity());
        }
        ByteBuffer nio = into.internalNioBuffer(at, into.capacity() - at);
        return socket.recv(nio, nio.position(), nio.limit());
    }

    @Override
    IoOps ops(Interest interest) {
        return switch (interest) {
            // Edge-triggered: a tcp check's socket stays watched while it is disconnected between checks (no
            // epoll_ctl per check), where a level-triggered watch would report its hang-up over and over.
            case CONNECT -> EpollIoOps.EPOLLOUT.with(EpollIoOps.EPOLLET);
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
