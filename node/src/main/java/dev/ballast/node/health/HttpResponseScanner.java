package dev.ballast.node.health;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one HTTP/1.x response as it arrives, keeping only what a health check needs: the status, whether the
 * connection may carry the next check (the response's framing was read to its end and nobody said close), and, when
 * asked, whether the body contains a substring. Body bytes are never kept or copied unless a substring is looked
 * for. Interim 1xx responses are skipped. Limits: {@value #MAX_LINE} bytes per line, {@value #MAX_HEAD} bytes of
 * head in all; beyond them, or on anything that is not HTTP/1.x, {@link #feed} throws.
 *
 * <p>A cheaper stand-in for Netty's HTTP codec: no header map, no message objects, one instance per connection
 * reused by every check on it ({@link #reset}).
 */
final class HttpResponseScanner {

    static final int MAX_LINE = 4096;
    static final int MAX_HEAD = 16 * 1024;

    private enum Part { STATUS_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final boolean headRequest;
    private final Optional<String> expectedBody;
    private final int maxBodyScanned;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private boolean lineTooLong;

    private Part part;
    private int headBytes;
    private int status;
    private boolean http10;
    private boolean closeSaid;
    private boolean keepAliveSaid;
    private long contentLength;
    private boolean chunked;
    private long remaining;
    private boolean headComplete;
    private BodyMatcher bodyMatcher;
    private BodyMatcher.Verdict bodyVerdict;

    /**
     * @param headRequest    the request was HEAD: the response has no body whatever its headers say
     * @param expectedBody   a substring to look for in the body, if any
     * @param maxBodyScanned body bytes looked at for that substring before giving up
     */
    HttpResponseScanner(boolean headRequest, Optional<String> expectedBody, int maxBodyScanned) {
        this.headRequest = headRequest;
        this.expectedBody = expectedBody;
        this.maxBodyScanned = maxBodyScanned;
        reset();
    }

    /** Prepares for the next response on the same connection. */
    void reset() {
        part = Part.STATUS_LINE;
        lineLength = 0;
        lineTooLong = false;
        headBytes = 0;
        status = 0;
        http10 = false;
        closeSaid = false;
        keepAliveSaid = false;
        contentLength = -1;
        chunked = false;
        remaining = 0;
        headComplete = false;
        bodyMatcher = expectedBody.map(needle -> new BodyMatcher(needle, maxBodyScanned)).orElse(null);
        bodyVerdict = bodyMatcher == null ? null : BodyMatcher.Verdict.NEED_MORE;
    }

    /**
     * Consumes bytes of the response from {@code in} until the response ends; bytes after its end stay unread.
     *
     * @throws InvalidResponseException when the bytes are not an HTTP/1.x response within the limits
     */
    void feed(ByteBuf in) throws InvalidResponseException {
        while (in.isReadable() && part != Part.DONE) {
            switch (part) {
                case STATUS_LINE, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                    if (readLine(in)) {
                        lineComplete();
                    }
                }
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    body(in, n);
                    remaining -= n;
                    if (remaining == 0) {
                        part = part == Part.BODY ? Part.DONE : Part.CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> body(in, in.readableBytes());
                case DONE -> throw new IllegalStateException("unreachable");
            }
        }
    }

    /** The peer closed the connection: a body delimited by the close has ended. */
    void closed() {
        if (part == Part.UNTIL_CLOSE) {
            part = Part.DONE;
        }
    }

    /** The status line and headers of the final (non-1xx) response have been read. */
    boolean headComplete() {
        return headComplete;
    }

    int status() {
        return status;
    }

    /** The whole response has been read. */
    boolean complete() {
        return part == Part.DONE;
    }

    /**
     * The response (once read to its end) leaves the connection open for the next request: its end is known from
     * its framing, and neither an HTTP/1.0 default nor a Connection header closes the connection.
     */
    boolean keepsConnection() {
        return headComplete && !closeSaid && (!http10 || keepAliveSaid) && (contentLength >= 0 || chunked
                || noBody());
    }

    /** Whether the expected substring was found so far; null when none is expected. */
    BodyMatcher.Verdict bodyVerdict() {
        return bodyVerdict;
    }

    /** Bytes of body the substring search gives up after. */
    int maxBodyScanned() {
        return maxBodyScanned;
    }

    private boolean readLine(ByteBuf in) throws InvalidResponseException {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int end = lf < 0 ? in.writerIndex() : lf + 1;
        int n = end - in.readerIndex();
        if (part == Part.STATUS_LINE || part == Part.HEADERS || part == Part.TRAILERS) {
            headBytes += n;
            if (headBytes > MAX_HEAD) {
                throw new InvalidResponseException("response head larger than " + MAX_HEAD + " bytes");
            }
        }
        if (lineLength + n > MAX_LINE) {
            if (part != Part.TRAILERS && part != Part.HEADERS) {
                throw new InvalidResponseException("response line longer than " + MAX_LINE + " bytes");
            }
            lineTooLong = true; // a long header nobody here reads: skipped, but counted in the head's size
            lineLength = 0;
            in.skipBytes(n);
        } else {
            in.readBytes(line, lineLength, n);
            lineLength += n;
        }
        return lf >= 0;
    }

    private void lineComplete() throws InvalidResponseException {
        int length = lineLength;
        boolean skipped = lineTooLong;
        lineLength = 0;
        lineTooLong = false;
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
            length--;
        }
        switch (part) {
            case STATUS_LINE -> statusLine(length);
            case HEADERS -> {
                if (skipped) {
                    return;
                }
                if (length == 0) {
                    headersEnded();
                } else {
                    header(length);
                }
            }
            case CHUNK_SIZE -> chunkSize(length);
            case CHUNK_END -> {
                if (length != 0) {
                    throw new InvalidResponseException("chunk not followed by CRLF");
                }
                part = Part.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (length == 0 && !skipped) {
                    part = Part.DONE;
                }
            }
            default -> throw new IllegalStateException("not a line: " + part);
        }
    }

    private void statusLine(int length) throws InvalidResponseException {
        // "HTTP/1.1 200 OK": version, space, three digits, then a space or the end
        if (length < 12 || !startsWith(line, "HTTP/1.") || line[8] != ' ' || !digit(line[9]) || !digit(line[10])
                || !digit(line[11]) || (length > 12 && line[12] != ' ')) {
            throw new InvalidResponseException("not an HTTP/1.x status line: \"" + printable(length) + "\"");
        }
        http10 = line[7] == '0';
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        part = Part.HEADERS;
    }

    private void header(int length) throws InvalidResponseException {
        if (headerIs(length, "content-length:")) {
            long value = decimal(length, "content-length:".length());
            if (value < 0 || (contentLength >= 0 && contentLength != value)) {
                throw new InvalidResponseException("invalid Content-Length: \"" + printable(length) + "\"");
            }
            contentLength = value;
        } else if (headerIs(length, "transfer-encoding:")) {
            // chunked must be the last coding (RFC 9112 6.1); anything else means the body runs until close
            chunked = valueEndsWith(length, "chunked");
        } else if (headerIs(length, "connection:")) {
            closeSaid |= valueContains(length, "close");
            keepAliveSaid |= valueContains(length, "keep-alive");
        }
    }

    private void headersEnded() {
        if (status >= 100 && status < 200 && status != 101) {
            int keptHeadBytes = headBytes;
            reset(); // an interim response: the real one follows
            headBytes = keptHeadBytes;
            return;
        }
        headComplete = true;
        if (noBody()) {
            part = Part.DONE;
        } else if (chunked) {
            part = Part.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            part = remaining == 0 ? Part.DONE : Part.BODY;
        } else {
            part = Part.UNTIL_CLOSE;
        }
        if (part == Part.DONE && bodyMatcher != null) {
            bodyVerdict = BodyMatcher.Verdict.NEED_MORE; // an empty body: it lacks the substring, decided by complete()
        }
    }

    private boolean noBody() {
        return headRequest || status == 204 || status == 304 || (status >= 100 && status < 200);
    }

    private void chunkSize(int length) throws InvalidResponseException {
        int end = 0;
        while (end < length && line[end] != ';' && line[end] != ' ' && line[end] != '\t') {
            end++; // chunk extensions and whitespace before them are ignored
        }
        if (end == 0) {
            throw new InvalidResponseException("empty chunk size");
        }
        long size = 0;
        for (int i = 0; i < end; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0 || size > (Long.MAX_VALUE >> 4)) {
                throw new InvalidResponseException("invalid chunk size: \"" + printable(length) + "\"");
            }
            size = size * 16 + digit;
        }
        if (size == 0) {
            part = Part.TRAILERS;
            headBytes = 0; // trailers have their own budget
        } else {
            remaining = size;
            part = Part.CHUNK_DATA;
        }
    }

    /** Passes {@code n} body bytes to the substring search while it is undecided; skips them otherwise. */
    private void body(ByteBuf in, int n) {
        if (bodyVerdict == BodyMatcher.Verdict.NEED_MORE) {
            byte[] chunk = new byte[n];
            in.readBytes(chunk);
            bodyVerdict = bodyMatcher.feed(chunk);
        } else {
            in.skipBytes(n);
        }
    }

    private boolean headerIs(int length, String lowerCaseName) {
        if (length < lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            if (Character.toLowerCase(line[i]) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number in {@code line[from, length)} between optional whitespace, or -1 if there is none. */
    private long decimal(int length, int from) {
        int start = skipSpaces(from, length);
        int end = trimSpaces(start, length);
        if (end == start || end - start > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            if (!digit(line[i])) {
                return -1;
            }
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }

    /** Whether the line holds {@code lowerCaseToken}, in any case. */
    private boolean valueContains(int length, String lowerCaseToken) {
        for (int at = 0; at + lowerCaseToken.length() <= length; at++) {
            if (lowerCaseAt(at, lowerCaseToken)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the line, trailing whitespace aside, ends with {@code lowerCaseToken}, in any case. */
    private boolean valueEndsWith(int length, String lowerCaseToken) {
        int at = trimSpaces(0, length) - lowerCaseToken.length();
        return at >= 0 && lowerCaseAt(at, lowerCaseToken);
    }

    private boolean lowerCaseAt(int at, String lowerCaseToken) {
        for (int i = 0; i < lowerCaseToken.length(); i++) {
            if (Character.toLowerCase(line[at + i]) != lowerCaseToken.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int skipSpaces(int from, int end) {
        while (from < end && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        return from;
    }

    private int trimSpaces(int start, int end) {
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private String printable(int length) {
        String text = new String(line, 0, Math.min(length, 80), StandardCharsets.ISO_8859_1);
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The server's bytes are not an HTTP/1.x response (or break a limit). */
    static final class InvalidResponseException extends Exception {
        InvalidResponseException(String message) {
            super(message);
        }
    }
}
