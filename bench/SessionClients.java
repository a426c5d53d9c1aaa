import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * COUNT clients, each from its own loopback source address (127.64.0.1 onwards, from index FIRST), each sending one
 * GET / on a new connection (Connection: close) to HOST:PORT, THREADS at a time: for source-IP stickiness every
 * request is a new sticky session. Prints the rate, the errors and which servers (X-Backend) answered. Used by
 * bench/sessions.
 *
 * <p>Run with: {@code java bench/SessionClients.java HOST PORT FIRST COUNT THREADS}
 */
public final class SessionClients {

    private static final int TIMEOUT_MILLIS = 10_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java SessionClients.java HOST PORT FIRST COUNT THREADS");
            System.exit(2);
        }
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int first = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        AtomicInteger next = new AtomicInteger(first);
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> servers = new ConcurrentHashMap<>();
        Map<String, LongAdder> problems = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < first + count; i = next.getAndIncrement()) {
                    try {
                        String server = request(source(i), target);
                        servers.computeIfAbsent(server, s -> new LongAdder()).increment();
                    } catch (IOException e) {
                        errors.increment();
                        problems.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                                p -> new LongAdder()).increment();
                    }
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> answered = new TreeMap<>();
        servers.forEach((server, n) -> answered.put(server, n.sum()));
        System.out.printf("%d requests in %.2f s: %.0f new sessions/s, %d errors, servers %s%n", count, seconds,
                count / seconds, errors.sum(), answered);
        problems.forEach((problem, n) -> System.out.println("  " + n.sum() + " x " + problem));
        System.exit(errors.sum() * 100 > count ? 1 : 0);
    }

    /** 127.64.0.1, 127.64.0.2, ... 127.64.0.250, 127.64.1.1, ...: 62,500 addresses per /16. */
    private static String source(int index) {
        return "127." + (64 + index / 62_500) + "." + (index / 250 % 250) + "." + (index % 250 + 1);
    }

    private static String request(String source, InetSocketAddress target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(target, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 200")) {
                int end = response.indexOf('\r');
                throw new IOException("answer " + (end < 0 ? response : response.substring(0, end)));
            }
            int at = response.indexOf("\r\nX-Backend: ");
            if (at < 0) {
                at = response.indexOf("\r\nx-backend: ");
            }
            return at < 0 ? "?" : response.substring(at + 13, response.indexOf('\r', at + 13));
        }
    }
}
