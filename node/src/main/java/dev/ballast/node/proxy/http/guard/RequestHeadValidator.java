package dev.ballast.node.proxy.http.guard;

import io.netty.buffer.ByteBuf;

import static dev.ballast.node.proxy.http.guard.HttpChars.FIELD_VALUE_CHARS;
import static dev.ballast.node.proxy.http.guard.HttpChars.TARGET_CHARS;
import static dev.ballast.node.proxy.http.guard.HttpChars.TCHARS;
import static dev.ballast.node.proxy.http.guard.HttpChars.describe;
import static dev.ballast.node.proxy.http.guard.HttpChars.isOws;
import static dev.ballast.node.proxy.http.guard.HttpChars.skip;

/**
 * Checks the raw bytes of one request head (request line and header lines) against the RFC 9112
 * grammar, strictly, before Netty's lenient parser interprets them. What Netty would silently repair or
 * accept (obs-fold, runs of spaces or tabs in the request line, a version it does not serve) is refused
 * here, and the framing headers are judged on their raw values by {@link FramingRules}.
 *
 * <p>Fed incrementally: {@link #scan} validates the complete lines in a byte range without consuming
 * them and says how far it got, so bytes that arrive later are scanned once. One instance per
 * connection, {@link #reset()} between requests.
 */
final class RequestHeadValidator {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final FramingRules framing = new FramingRules();
    private boolean requestLineSeen;
    private boolean complete;

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
            line(in, lineStart, lf - 1);
            lineStart = lf + 1;
        }
        return lineStart;
    }

    private void line(ByteBuf in, int from, int to) {
        if (!requestLineSeen) {
            if (from == to) {
                return; // RFC 9112 section 2.2: empty lines before the request line are ignored
            }
            requestLine(in, from, to);
            requestLineSeen = true;
        } else if (from == to) {
            framing.endOfHead();
            complete = true;
        } else {
            fieldLine(in, from, to);
        }
    }

    /** request-line = method SP request-target SP HTTP-version, exactly one SP each. */
    private void requestLine(ByteBuf in, int from, int to) {
        int methodEnd = skip(in, from, to, TCHARS);
        if (methodEnd == from || methodEnd == to || in.getByte(methodEnd) != ' ') {
            throw RequestRejection.badRequest(methodEnd < to
                    ? "invalid character " + describe(in.getByte(methodEnd)) + " in request method"
                    : "request line without a target");
        }
        int targetStart = methodEnd + 1;
        int targetEnd = skip(in, targetStart, to, TARGET_CHARS);
        if (targetEnd == targetStart || targetEnd == to || in.getByte(targetEnd) != ' ') {
            throw RequestRejection.badRequest(targetEnd < to
                    ? "invalid character " + describe(in.getByte(targetEnd)) + " in request target"
                    : "request line without an HTTP version");
        }
        framing.version(version(in, targetEnd + 1, to));
        framing.requestLine(in, from, methodEnd, targetStart, targetEnd);
    }

    /** Only HTTP/1.0 and HTTP/1.1 are served, spelled exactly (the version is case-sensitive). */
    private static int version(ByteBuf in, int from, int to) {
        if (in.indexOf(from, to, (byte) ' ') >= 0) {
            throw RequestRejection.badRequest("more than three parts in the request line (a space in the target?)");
        }
        if (to - from == 8 && matches(in, from, "HTTP/1.")) {
            byte minor = in.getByte(from + 7);
            if (minor == '0' || minor == '1') {
                return minor - '0';
            }
        }
        throw RequestRejection.badRequest("unsupported or malformed HTTP version '"
                + in.toString(from, Math.min(to - from, 16), java.nio.charset.StandardCharsets.ISO_8859_1)
                + "'; only HTTP/1.0 and HTTP/1.1 are served");
    }

    /** field-line = field-name ":" OWS field-value OWS, no obs-fold, no whitespace before the colon. */
    private void fieldLine(ByteBuf in, int from, int to) {
        if (isOws(in.getByte(from))) {
            throw RequestRejection.badRequest("header line starts with whitespace (obs-fold is not accepted)");
        }
        int nameEnd = skip(in, from, to, TCHARS);
        if (nameEnd == to) {
            throw RequestRejection.badRequest("header line without a colon");
        }
        byte stop = in.getByte(nameEnd);
        if (stop != ':') {
            throw RequestRejection.badRequest(isOws(stop)
                    ? "whitespace between header name and colon"
                    : "invalid character " + describe(stop) + " in header name");
        }
        int valueStart = nameEnd + 1;
        int invalid = skip(in, valueStart, to, FIELD_VALUE_CHARS);
        if (invalid < to) {
            byte b = in.getByte(invalid);
            throw RequestRejection.badRequest(switch (b) {
                case 0 -> "NUL in header value";
                case CR -> "bare CR in header value";
                default -> "control character " + describe(b) + " in header value";
            });
        }
        while (valueStart < to && isOws(in.getByte(valueStart))) {
            valueStart++;
        }
        int valueEnd = to;
        while (valueEnd > valueStart && isOws(in.getByte(valueEnd - 1))) {
            valueEnd--;
        }
        framing.field(in, from, nameEnd, valueStart, valueEnd);
    }

    static boolean matches(ByteBuf in, int from, String ascii) {
        if (in.writerIndex() - from < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (in.getByte(from + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
