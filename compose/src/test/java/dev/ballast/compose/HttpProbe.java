package dev.ballast.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 GET on a new connection ({@code Connection: close}), as a client that reaches an address afresh:
 * that is what a VIP move must keep working. Small on purpose: status, X-Backend and Set-Cookie are all the tests read.
 */
final class HttpProbe {

    /** The parts of a response the tests look at. */
    record Response(int status, String backend, Optional<String> setCookie) {
    }

    /** Patient: a loaded machine may be slow, and the requests the tests make with it must succeed. */
    static final HttpProbe PATIENT = new HttpProbe(Duration.ofSeconds(2), Duration.ofSeconds(10));

    private final Duration connectTimeout;
    private final Duration readTimeout;

    HttpProbe(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * GET {@code path} from {@code target}, sending {@code cookie} (a {@code name=value} pair) when present.
     *
     * @throws IOException when no complete response arrives within the timeouts
     */
    Response get(InetSocketAddress target, String path, Optional<String> cookie) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + target.getHostString() + "\r\nConnection: close\r\n"
                    + cookie.map(c -> "Cookie: " + c + "\r\n").orElse("") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    static Response parse(String response) throws IOException {
        int headEnd = response.indexOf("\r\n\r\n");
        if (!response.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("not a complete HTTP/1.1 response: " + abbreviate(response));
        }
        String[] lines = response.substring(0, headEnd).split("\r\n");
        int status;
        try {
            status = Integer.parseInt(lines[0].substring(9, 12));
        } catch (RuntimeException e) {
            throw new IOException("bad status line: " + lines[0], e);
        }
        String backend = null;
        String setCookie = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("x-backend")) {
                backend = value;
            } else if (name.equals("set-cookie")) {
                setCookie = value;
            }
        }
        return new Response(status, backend, Optional.ofNullable(setCookie));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
