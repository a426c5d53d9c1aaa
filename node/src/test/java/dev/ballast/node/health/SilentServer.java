package dev.ballast.node.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts connections on loopback and never answers; counts connections accepted, open now, the most open at once,
 * and those the client closed.
 */
final class SilentServer implements AutoCloseable {

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();

    SilentServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int open() {
        return open.get();
    }

    int maxOpen() {
        return maxOpen.get();
    }

    int closedByClient() {
        return closedByClient.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
        TestHttpBackend.awaitTermination(threads);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                sockets.add(socket);
                accepted.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                threads.execute(() -> drainUntilClosed(socket));
            } catch (IOException e) {
                return; // the listener was closed
            }
        }
    }

    private void drainUntilClosed(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // discard the request: this server never answers
            }
            closedByClient.incrementAndGet();
        } catch (IOException e) {
            // the test is closing the server
        } finally {
            open.decrementAndGet();
        }
    }
}
