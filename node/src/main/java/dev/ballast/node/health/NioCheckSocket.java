package dev.ballast.node.health;

import io.netty.buffer.ByteBuf;
import io.netty.channel.IoOps;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoOps;
import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

/** A check's socket on a NIO event loop: a JDK socket channel, watched by the loop's selector. */
final class NioCheckSocket extends CheckSocket implements NioIoHandle {

    private final SocketChannel channel;

    private NioCheckSocket(SocketChannel channel) {
        this.channel = channel;
    }

    /** @param connectOnly a tcp check's socket (delayed ACK of the SYN-ACK), else one that carries requests */
    static NioCheckSocket open(boolean connectOnly) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (!connectOnly) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } else if (channel.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
                channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, false);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new NioCheckSocket(channel);
    }

    @Override
    boolean connect(InetSocketAddress address) throws IOException {
        // A local server's SYN-ACK is often processed before connect() returns "in progress": ask again at once.
        return channel.connect(address) || channel.finishConnect();
    }

    @Override
    boolean finishConnect() throws IOException {
        return channel.finishConnect();
    }

    @Override
    int write(ByteBuf data, int from, int to) throws IOException {
        return channel.write(data.internalNioBuffer(from, to - from));
    }

    @Override
    int receive(ByteBuf into, int at) throws IOException {
        return channel.read(into.internalNioBuffer(at, into.capacity() - at));
    }

    @Override
    IoOps ops(Interest interest) {
        return switch (interest) {
            case CONNECT -> NioIoOps.CONNECT;
            case READ -> NioIoOps.READ;
            case READ_WRITE -> NioIoOps.READ_AND_WRITE;
        };
    }

    @Override
    void closeSocket() {
        try {
            channel.close();
        } catch (IOException e) {
            // the descriptor is released even when close reports an error: nothing is left to clean up
        }
    }

    /** A JDK socket channel cannot connect twice: every check opens a new one. */
    @Override
    boolean disconnectSocket() {
        return false;
    }

    @Override
    public SelectableChannel selectableChannel() {
        return channel;
    }
}
