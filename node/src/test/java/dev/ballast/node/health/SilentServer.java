package dev.ballast.node.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Accepts connections on loopback and never answers; counts connections accepted, open now and the most open at
 * once.
 * <p>
 * Whether a connection is still open is decided in one thread, at each accept (and every few milliseconds between):
 * on loopback the client's FIN for its previous connection arrives before the SYN of its next one, so a checker
 * that closes before it reconnects is never seen with two connections open, however late the test's threads run.
 */
final class SilentServer implements AutoCloseable {

    private static final int PROBE_TIMEOUT_MILLIS = 1;

    private final ServerSocket listener;
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
    private final List<Socket> openSockets = new ArrayList<>(); // guarded by this
    private int accepted; // guarded by this
    private int maxOpen; // guarded by this

    SilentServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
        threads.scheduleWithFixedDelay(this::forgetClosed, 5, 5, TimeUnit.MILLISECONDS);
    }

    int port() {
        return listener.getLocalPort();
    }

    synchronized int accepted() {
        return accepted;
    }

    synchronized int open() {
        return openSockets.size();
    }

    synchronized int maxOpen() {
        return maxOpen;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
        TestHttpBackend.awaitTermination(threads);
        synchronized (this) {
            for (Socket socket : openSockets) {
                socket.close();
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
                synchronized (this) {
                    forgetClosed();
                    openSockets.add(socket);
                    accepted++;
                    maxOpen = Math.max(maxOpen, openSockets.size());
                }
            } catch (IOException e) {
                return; // the listener was closed
            }
        }
    }

    /** Discards what clients sent (this server never answers) and forgets the connections they closed. */
    private synchronized void forgetClosed() {
        for (Iterator<Socket> it = openSockets.iterator(); it.hasNext(); ) {
            Socket socket = it.next();
            if (closedByClient(socket)) {
                it.remove();
                closeSocket(socket);
            }
        }
    }

    private static boolean closedByClient(Socket socket) {
        byte[] buffer = new byte[1024];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false; // nothing more to read: still open
        } catch (IOException e) {
            return true; // reset by the client
        }
    }

    private static void closeSocket(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new IllegalStateException("closing a socket the client already closed failed", e);
        }
    }
}
