package dev.ballast.node.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A byte-exact HTTP/1.x client over a plain socket: sends what it is told, parses responses strictly. */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        this(InetAddress.getByName("127.0.0.1"), port);
    }

    /** A client whose connection comes from {@code local} (any 127.x.y.z works on Linux): a distinct client IP. */
    public RawClient(InetAddress local, int port) throws IOException {
        socket = new Socket(InetAddress.getByName("127.0.0.1"), port, local, 0);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public OutputStream output() {
        return out;
    }

    public InputStream input() {
        return in;
    }

    public void setTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Reads one response; {@code headRequest} says the response has no body whatever its headers claim. */
    public Response read(boolean headRequest) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = fields();
        Response head = new Response(statusLine, status, headers, new byte[0], Map.of());
        if (headRequest || status / 100 == 1 || status == 204 || status == 304) {
            return head;
        }
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    break;
                }
                body.write(in.readNBytes(n));
                line();
            }
            return new Response(statusLine, status, headers, body.toByteArray(), fields());
        }
        String length = head.header("content-length");
        if (length != null) {
            return new Response(statusLine, status, headers, in.readNBytes(Integer.parseInt(length)), Map.of());
        }
        return new Response(statusLine, status, headers, in.readAllBytes(), Map.of());
    }

    public Response read() throws IOException {
        return read(false);
    }

    /** @return true when the server closed the connection (end of stream or reset) before the timeout */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private Map<String, List<String>> fields() throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String field;
        while ((field = line()) != null && !field.isEmpty()) {
            int colon = field.indexOf(':');
            fields.computeIfAbsent(field.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(field.substring(colon + 1).trim());
        }
        return fields;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public record Response(String statusLine, int status, Map<String, List<String>> headers, byte[] body,
                           Map<String, List<String>> trailers) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
