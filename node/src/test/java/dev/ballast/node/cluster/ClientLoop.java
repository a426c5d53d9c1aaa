package dev.ballast.node.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client that keeps requesting one address, one new connection per request (like a curl loop), and records
 * every outcome; bounded in count so it can never run away.
 */
final class ClientLoop implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    private static final int READ_TIMEOUT_MILLIS = 3_000;
    private static final long PAUSE_MILLIS = 10;
    private static final int MAX_REQUESTS = 20_000;

    /** @param ok whether the answer was a 200; {@code detail} says what went wrong otherwise */
    record Outcome(long nanos, boolean ok, String detail) {
    }

    private final InetSocketAddress target;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ClientLoop(InetSocketAddress target) {
        this.target = target;
        this.thread = new Thread(this::run, "client-loop");
        thread.setDaemon(true);
        thread.start();
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    long successesAfter(long nanos) {
        return outcomes.stream().filter(o -> o.ok() && o.nanos() > nanos).count();
    }

    /** Longest time between two successful answers (the gap a client saw), in milliseconds. */
    long longestGapMillis() {
        long longest = 0;
        long previous = -1;
        for (Outcome outcome : outcomes) {
            if (outcome.ok()) {
                if (previous >= 0) {
                    longest = Math.max(longest, outcome.nanos() - previous);
                }
                previous = outcome.nanos();
            }
        }
        return longest / 1_000_000;
    }

    private void run() {
        for (int i = 0; i < MAX_REQUESTS && running; i++) {
            outcomes.add(request());
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Outcome request() {
        try (Socket socket = new Socket()) {
            socket.connect(target, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: vip\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            boolean ok = response.startsWith("HTTP/1.1 200");
            return new Outcome(System.nanoTime(), ok, ok ? "" : firstLine(response));
        } catch (IOException e) {
            return new Outcome(System.nanoTime(), false, e.toString());
        }
    }

    private static String firstLine(String response) {
        int end = response.indexOf('\r');
        return end < 0 ? "incomplete response: " + response : response.substring(0, end);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
