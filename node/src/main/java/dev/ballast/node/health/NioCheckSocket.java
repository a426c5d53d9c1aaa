package dev.ballast.node.health;

import io.netty.channel.IoOps;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoOps;
import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

/** A tcp check's socket on a NIO event loop: a JDK socket channel, watched by the loop's selector. */
final class NioCheckSocket extends CheckSocket implements NioIoHandle {

    private final SocketChannel channel;

    private NioCheckSocket(SocketChannel channel) {
        this.channel = channel;
    }

    static NioCheckSocket open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (channel.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
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
    IoOps connectOps() {
        return NioIoOps.CONNECT;
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
