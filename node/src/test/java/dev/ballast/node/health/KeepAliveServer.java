package dev.ballast.node.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on loopback that keeps connections open and counts connections and answered requests.
 * It answers at most {@code answersPerConnection} requests on a connection; on the next one it closes the connection
 * without a word, as a server whose idle timeout strikes just as a request arrives.
 */
final class KeepAliveServer implements AutoCloseable {

    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int answersPerConnection;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();

    KeepAliveServer(int answersPerConnection) throws IOException {
        this.answersPerConnection = answersPerConnection;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    int answered() {
        return answered.get();
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
                connections.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // the listener was closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            for (int answers = 0; readHead(in); answers++) {
                if (answers == answersPerConnection) {
                    return; // closes without answering
                }
                out.write(RESPONSE);
                out.flush();
                answered.incrementAndGet();
            }
        } catch (IOException e) {
            // the client reset the connection or the test is closing the server
        } finally {
            sockets.remove(socket);
        }
    }

    /** Reads one request head (the checks send no body); false at the end of the stream. */
    private static boolean readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return true;
            }
        }
        return false;
    }
}
