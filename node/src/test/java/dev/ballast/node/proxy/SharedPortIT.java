package dev.ballast.node.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Listeners sharing one port as bind mode's handover does (the owner, then its successor, on the same address):
 * with native epoll every new connection goes to the listener that joined last.
 */
class SharedPortIT {

    private final Transport transport = Transport.start(1);
    private final List<Channel> listeners = new ArrayList<>();

    @AfterEach
    void tearDown() {
        listeners.forEach(listener -> listener.close().syncUninterruptibly());
        transport.group().shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theListenerThatJoinedLastGetsEveryNewConnection() throws IOException {
        assumeTrue(Epoll.isAvailable(), "steering needs native epoll");
        AtomicInteger owner = new AtomicInteger();
        Channel ownerListener = listen(0, owner);
        int port = ((InetSocketAddress) ownerListener.localAddress()).getPort();
        connect(port, 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.get() == 10);

        AtomicInteger successor = new AtomicInteger();
        listen(port, successor);
        connect(port, 50);
        await("the successor accepts every new connection").atMost(Duration.ofSeconds(10))
                .until(() -> successor.get() == 50);
        assertThat(owner).as("connections the former owner accepted after its successor listened").hasValue(10);

        ownerListener.close().syncUninterruptibly();
        connect(port, 10);
        await("the successor, alone, keeps accepting").atMost(Duration.ofSeconds(10))
                .until(() -> successor.get() == 60);

        AtomicInteger next = new AtomicInteger();
        listen(port, next);
        connect(port, 20);
        await("the next successor takes every new connection in turn").atMost(Duration.ofSeconds(10))
                .until(() -> next.get() == 20);
        assertThat(successor).hasValue(60);
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) with the shared-port options; counts and closes. */
    private Channel listen(int port, AtomicInteger accepted) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(transport.group())
                .channel(transport.serverChannelType())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel client) {
                        accepted.incrementAndGet();
                        client.close();
                    }
                });
        transport.sharePort(bootstrap);
        Channel listener = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        transport.steerToNewestListener(listener);
        listeners.add(listener);
        return listener;
    }

    private static void connect(int port, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                assertThat(socket.isConnected()).isTrue();
            }
        }
    }
}
