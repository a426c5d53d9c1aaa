import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens COUNT keep-alive connections to HOST:PORT, completes one GET PATH on each (so the proxy has really served
 * them), prints "ready COUNT" and keeps them open and idle for at most HOLD_SECONDS (or until killed), then closes.
 * Used by bench/http to measure a proxy's resident memory per idle client connection.
 *
 * <p>Run with: {@code java bench/IdleClients.java HOST PORT COUNT HOLD_SECONDS PATH}
 */
public final class IdleClients {

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java IdleClients.java HOST PORT COUNT HOLD_SECONDS PATH");
            System.exit(2);
        }
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        long holdMillis = Long.parseLong(args[3]) * 1000;
        byte[] request = ("GET " + args[4] + " HTTP/1.1\r\nHost: bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        List<Socket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.connect(target, 10_000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request);
                readResponse(socket.getInputStream(), i);
            }
            System.out.println("ready " + count);
            System.out.flush();
            Thread.sleep(holdMillis);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Reads one response framed by Content-Length; fails loudly on anything else. */
    private static void readResponse(InputStream in, int index) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection " + index + " closed before a complete response head: " + head);
            }
            head.append((char) b);
        }
        String text = head.toString();
        if (!text.startsWith("HTTP/1.1 200")) {
            throw new IOException("connection " + index + " got " + text.lines().findFirst().orElse(""));
        }
        long length = -1;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        if (length < 0) {
            throw new IOException("connection " + index + ": response without Content-Length: " + text);
        }
        if (in.readNBytes((int) length).length != length) {
            throw new IOException("connection " + index + " closed inside the response body");
        }
    }
}
