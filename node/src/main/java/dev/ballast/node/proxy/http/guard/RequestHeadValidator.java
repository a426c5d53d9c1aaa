package dev.ballast.node.proxy.http.guard;

import dev.ballast.node.config.FrontendConfig;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

import static dev.ballast.node.proxy.http.guard.HttpChars.describe;
import static dev.ballast.node.proxy.http.guard.HttpChars.isOws;
import static dev.ballast.node.proxy.http.guard.HttpChars.skipFieldValueChars;
import static dev.ballast.node.proxy.http.guard.HttpChars.skipTargetChars;
import static dev.ballast.node.proxy.http.guard.HttpChars.skipTchars;

/**
 * Checks the raw bytes of one request head (request line and header lines) against the RFC 9112
 * grammar, strictly, before Netty's lenient parser interprets them. What Netty would silently repair or
 * accept (obs-fold, runs of spaces or tabs in the request line, a version it does not serve) is refused
 * here, and the framing headers are judged on their raw values by {@link FramingRules}.
 *
 * <p>Fed incrementally: {@link #scan} validates the complete lines in a byte range without consuming
 * them and says how far it got, so bytes that arrive later are scanned once. Each line is copied once
 * into a reused array and checked there with table lookups. One instance per connection,
 * {@link #reset()} between requests.
 */
final class RequestHeadValidator {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final FramingRules framing = new FramingRules();
    private final int maxRequestLine;
    private final int maxFieldLine;
    private byte[] line = new byte[256];
    private boolean requestLineSeen;
    private boolean complete;

    RequestHeadValidator(FrontendConfig.Limits limits) {
        this.maxRequestLine = limits.maxRequestLine();
        this.maxFieldLine = limits.maxHeaderSize();
    }

    void reset() {
        framing.reset();
        requestLineSeen = false;
        complete = false;
    }

    /** True once the empty line ending the head has been validated. */
    boolean complete() {
        return complete;
    }

    /**
     * Validates the complete lines in {@code [from, to)} of {@code in}, stopping after the empty line
     * that ends the head.
     *
     * @return the index just after the last validated line
     * @throws RequestRejection at the first violation
     */
    int scan(ByteBuf in, int from, int to) {
        int lineStart = from;
        while (!complete && lineStart < to) {
            int lf = in.indexOf(lineStart, to, LF);
            if (lf < 0) {
                break;
            }
            if (lf == lineStart || in.getByte(lf - 1) != CR) {
                throw RequestRejection.badRequest("line ending without CR (bare LF)");
            }
            int length = lf - 1 - lineStart;
            checkLength(length);
            if (line.length < length) {
                line = new byte[Math.max(length, line.length * 2)];
            }
            in.getBytes(lineStart, line, 0, length);
            line(line, length);
            lineStart = lf + 1;
        }
        return lineStart;
    }

    /** Lines beyond the limits are refused before being copied; Netty also enforces the section's total. */
    private void checkLength(int length) {
        if (!requestLineSeen && length > maxRequestLine) {
            throw new RequestRejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request line longer than " + maxRequestLine + " bytes");
        }
        if (requestLineSeen && length > maxFieldLine) {
            throw new RequestRejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "header section larger than " + maxFieldLine + " bytes");
        }
    }

    private void line(byte[] bytes, int length) {
        if (!requestLineSeen) {
            if (length == 0) {
                return; // RFC 9112 section 2.2: empty lines before the request line are ignored
            }
            requestLine(bytes, length);
            requestLineSeen = true;
        } else if (length == 0) {
            framing.endOfHead();
            complete = true;
        } else {
            fieldLine(bytes, length);
        }
    }

    /** request-line = method SP request-target SP HTTP-version, exactly one SP each. */
    private void requestLine(byte[] bytes, int to) {
        int methodEnd = skipTchars(bytes, 0, to);
        if (methodEnd == 0 || methodEnd == to || bytes[methodEnd] != ' ') {
            throw RequestRejection.badRequest(methodEnd < to
                    ? "invalid character " + describe(bytes[methodEnd]) + " in request method"
                    : "request line without a target");
        }
        int targetStart = methodEnd + 1;
        int targetEnd = skipTargetChars(bytes, targetStart, to);
        if (targetEnd == targetStart || targetEnd == to || bytes[targetEnd] != ' ') {
            throw RequestRejection.badRequest(targetEnd < to
                    ? "invalid character " + describe(bytes[targetEnd]) + " in request target"
                    : "request line without an HTTP version");
        }
        framing.version(version(bytes, targetEnd + 1, to));
        framing.requestLine(bytes, 0, methodEnd, targetStart, targetEnd);
    }

    /** Only HTTP/1.0 and HTTP/1.1 are served, spelled exactly (the version is case-sensitive). */
    private static int version(byte[] bytes, int from, int to) {
        if (to - from == 8 && matches(bytes, from, to, "HTTP/1.")) {
            byte minor = bytes[from + 7];
            if (minor == '0' || minor == '1') {
                return minor - '0';
            }
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] == ' ') {
                throw RequestRejection.badRequest("more than three parts in the request line (a space in the target?)");
            }
        }
        throw RequestRejection.badRequest("unsupported or malformed HTTP version '"
                + new String(bytes, from, Math.min(to - from, 16), StandardCharsets.ISO_8859_1)
                + "'; only HTTP/1.0 and HTTP/1.1 are served");
    }

    /** field-line = field-name ":" OWS field-value OWS, no obs-fold, no whitespace before the colon. */
    private void fieldLine(byte[] bytes, int to) {
        if (isOws(bytes[0])) {
            throw RequestRejection.badRequest("header line starts with whitespace (obs-fold is not accepted)");
        }
        int nameEnd = skipTchars(bytes, 0, to);
        if (nameEnd == to) {
            throw RequestRejection.badRequest("header line without a colon");
        }
        byte stop = bytes[nameEnd];
        if (stop != ':') {
            throw RequestRejection.badRequest(isOws(stop)
                    ? "whitespace between header name and colon"
                    : "invalid character " + describe(stop) + " in header name");
        }
        int valueStart = nameEnd + 1;
        int invalid = skipFieldValueChars(bytes, valueStart, to);
        if (invalid < to) {
            byte b = bytes[invalid];
            throw RequestRejection.badRequest(switch (b) {
                case 0 -> "NUL in header value";
                case CR -> "bare CR in header value";
                default -> "control character " + describe(b) + " in header value";
            });
        }
        while (valueStart < to && isOws(bytes[valueStart])) {
            valueStart++;
        }
        int valueEnd = to;
        while (valueEnd > valueStart && isOws(bytes[valueEnd - 1])) {
            valueEnd--;
        }
        framing.field(bytes, 0, nameEnd, valueStart, valueEnd);
    }

    static boolean matches(byte[] bytes, int from, int to, String ascii) {
        if (to - from < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
