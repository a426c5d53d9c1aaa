package dev.ballast.node.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request on a new connection from a chosen loopback source address (the whole of 127.0.0.0/8 is
 * local on Linux), so that a test can play many clients for source-IP stickiness.
 */
final class SourceAddressClient {

    private static final int TIMEOUT_MILLIS = 5_000;

    /** @param server the X-Backend header of the answer; @param setCookie its Set-Cookie header, or null */
    record Answer(int status, String server, String setCookie) {
    }

    private SourceAddressClient() {
    }

    /** @param cookie the Cookie header to send, or null */
    static Answer get(String sourceAddress, InetSocketAddress target, String cookie) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(target, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            String request = "GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int headEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 ") || headEnd < 0) {
                throw new IOException("incomplete answer from " + target + " to " + sourceAddress + ": " + response);
            }
            String[] lines = response.substring(0, headEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            return new Answer(status, header(lines, "x-backend"), header(lines, "set-cookie"));
        }
    }

    private static String header(String[] lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }
}
