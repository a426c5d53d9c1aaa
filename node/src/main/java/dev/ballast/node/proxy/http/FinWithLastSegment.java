package dev.ballast.node.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * Sends the end of a response and the connection's FIN in one TCP segment (TCP_CORK until the close), when the
 * connection closes after that response. A client that meets data without the FIN acknowledges the data at once;
 * during a VIP handover that acknowledgement goes to the node that took the VIP over, which knows no such
 * connection and resets it, so the client sees "connection reset" instead of the end of a complete answer
 * (bench/failover captured exactly this). With data and FIN together the client has read everything first.
 * Only the native epoll transport can cork; on NIO the FIN follows in a separate segment, as before.
 */
final class FinWithLastSegment {

    private FinWithLastSegment() {
    }

    /** Holds back what is written from now on until the channel closes (or 200 ms pass, the kernel's limit). */
    static void holdUntilClose(Channel channel) {
        if (channel instanceof EpollSocketChannel && channel.isActive()) {
            channel.config().setOption(EpollChannelOption.TCP_CORK, true);
        }
    }
}
