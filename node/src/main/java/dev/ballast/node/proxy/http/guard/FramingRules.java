package dev.ballast.node.proxy.http.guard;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

import static dev.ballast.node.proxy.http.guard.HttpChars.isDigit;
import static dev.ballast.node.proxy.http.guard.HttpChars.isHostChar;
import static dev.ballast.node.proxy.http.guard.HttpChars.isIpLiteralChar;
import static dev.ballast.node.proxy.http.guard.HttpChars.isOws;
import static dev.ballast.node.proxy.http.guard.HttpChars.isTchar;

/**
 * The rules on a request head that decide how its body is framed and where it goes, judged on the raw
 * header values (before Netty merges or drops any):
 * <ul>
 *   <li>Content-Length: every value, in every field and list element, is plain digits and they are all
 *       equal (identical duplicates, RFC 9110 section 8.6, are accepted and forwarded as one value);</li>
 *   <li>Transfer-Encoding: never together with Content-Length, never in HTTP/1.0, {@code chunked}
 *       exactly once and last, else 400 (as HAProxy); any other coding in front of it is refused with
 *       501 Not Implemented (RFC 9112 section 6.1), since the proxy would have to decode it;</li>
 *   <li>Host: exactly one in HTTP/1.1 (at most one in 1.0), syntactically an authority; with an
 *       absolute-form target it must name the same authority (default port ignored), else 400;</li>
 *   <li>no Sec-WebSocket-Key1/Key2 (the hixie-76 handshake, to which Netty assigns an implicit 8-byte
 *       body that a server would read as the start of the next request);</li>
 *   <li>the request target is origin-form, absolute-form ({@code http}/{@code https}, no userinfo),
 *       asterisk-form only for OPTIONS, authority-form only for CONNECT.</li>
 * </ul>
 */
final class FramingRules {

    private int minorVersion;
    private long contentLength;
    private boolean transferEncoding;
    private boolean chunked;
    private boolean chunkedLast;
    private String unsupportedCoding;
    private int hostFields;
    private String hostValue;
    /** The authority of an absolute-form target with the scheme's default port removed, else null. */
    private String targetAuthority;
    private String targetDefaultPort;

    FramingRules() {
        reset();
    }

    void reset() {
        minorVersion = -1;
        contentLength = -1;
        transferEncoding = false;
        chunked = false;
        chunkedLast = false;
        unsupportedCoding = null;
        hostFields = 0;
        hostValue = null;
        targetAuthority = null;
        targetDefaultPort = null;
    }

    void version(int minor) {
        minorVersion = minor;
    }

    void requestLine(byte[] in, int methodStart, int methodEnd, int targetStart, int targetEnd) {
        boolean connect = equalsExactly(in, methodStart, methodEnd, "CONNECT");
        if (connect) {
            checkAuthority(in, targetStart, targetEnd, "CONNECT target");
            return;
        }
        byte first = in[targetStart];
        if (first == '/') {
            return;
        }
        if (first == '*' && targetEnd - targetStart == 1) {
            if (!equalsExactly(in, methodStart, methodEnd, "OPTIONS")) {
                throw RequestRejection.badRequest("asterisk-form target is only allowed with OPTIONS");
            }
            return;
        }
        int authorityStart;
        if (startsWithIgnoreCase(in, targetStart, targetEnd, "http://")) {
            authorityStart = targetStart + 7;
            targetDefaultPort = ":80";
        } else if (startsWithIgnoreCase(in, targetStart, targetEnd, "https://")) {
            authorityStart = targetStart + 8;
            targetDefaultPort = ":443";
        } else {
            throw RequestRejection.badRequest("request target is neither a path nor an absolute http(s) URI");
        }
        int authorityEnd = authorityStart;
        while (authorityEnd < targetEnd && in[authorityEnd] != '/' && in[authorityEnd] != '?') {
            authorityEnd++;
        }
        if (indexOf(in, authorityStart, authorityEnd, (byte) '@') >= 0) {
            throw RequestRejection.badRequest("userinfo in the request target is not accepted");
        }
        checkAuthority(in, authorityStart, authorityEnd, "request target authority");
        targetAuthority = withoutPort(text(in, authorityStart, authorityEnd), targetDefaultPort);
    }

    void field(byte[] in, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        if (nameIs(in, nameStart, nameEnd, "content-length")) {
            contentLength(in, valueStart, valueEnd);
        } else if (nameIs(in, nameStart, nameEnd, "transfer-encoding")) {
            transferEncoding(in, valueStart, valueEnd);
        } else if (nameIs(in, nameStart, nameEnd, "host")) {
            if (++hostFields > 1) {
                throw RequestRejection.badRequest("more than one Host header");
            }
            checkAuthority(in, valueStart, valueEnd, "Host header");
            if (targetAuthority != null) {
                hostValue = text(in, valueStart, valueEnd);
            }
        } else if (nameIs(in, nameStart, nameEnd, "sec-websocket-key1")
                || nameIs(in, nameStart, nameEnd, "sec-websocket-key2")) {
            // Netty gives such a GET an implicit 8-byte body that no server of today expects: a desync
            throw RequestRejection.badRequest("obsolete hixie-76 WebSocket handshake is not supported");
        }
    }

    void endOfHead() {
        if (minorVersion == 1 && hostFields == 0) {
            throw RequestRejection.badRequest("missing Host header in an HTTP/1.1 request");
        }
        if (transferEncoding) {
            if (contentLength >= 0) {
                throw RequestRejection.badRequest("both Content-Length and Transfer-Encoding");
            }
            if (minorVersion == 0) {
                throw RequestRejection.badRequest("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!chunkedLast) {
                throw RequestRejection.badRequest("the final transfer coding is not chunked");
            }
            if (unsupportedCoding != null) {
                throw new RequestRejection(HttpResponseStatus.NOT_IMPLEMENTED,
                        "transfer coding '" + unsupportedCoding + "' is not implemented");
            }
        }
        if (targetAuthority != null && hostValue != null
                && !targetAuthority.equalsIgnoreCase(withoutPort(hostValue, targetDefaultPort))) {
            throw RequestRejection.badRequest("Host header does not match the authority of the request target");
        }
    }

    /** Content-Length = 1*DIGIT; a comma-separated list or repeated fields must all carry one value. */
    private void contentLength(byte[] in, int from, int to) {
        forEachElement(in, from, to, this::contentLengthElement);
    }

    private void contentLengthElement(byte[] in, int from, int to) {
        if (from == to) {
            throw RequestRejection.badRequest("empty Content-Length value");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (!isDigit(b)) {
                throw RequestRejection.badRequest("Content-Length is not plain digits");
            }
            if (value > (Long.MAX_VALUE - (b - '0')) / 10) {
                throw RequestRejection.badRequest("Content-Length is too large");
            }
            value = value * 10 + (b - '0');
        }
        if (contentLength >= 0 && value != contentLength) {
            throw RequestRejection.badRequest("conflicting Content-Length values");
        }
        contentLength = value;
    }

    private void transferEncoding(byte[] in, int from, int to) {
        transferEncoding = true;
        forEachElement(in, from, to, this::coding);
    }

    private void coding(byte[] in, int from, int to) {
        if (from == to) {
            throw RequestRejection.badRequest("empty element in Transfer-Encoding");
        }
        for (int i = from; i < to; i++) {
            if (!isTchar(in[i])) {
                throw RequestRejection.badRequest("malformed transfer coding (parameters are not accepted)");
            }
        }
        if (nameIs(in, from, to, "chunked")) {
            if (chunked) {
                throw RequestRejection.badRequest("chunked transfer coding applied more than once");
            }
            chunked = true;
            chunkedLast = true;
        } else {
            chunkedLast = false;
            if (unsupportedCoding == null) {
                unsupportedCoding = text(in, from, to);
            }
        }
    }

    /** A list element: the bytes {@code [from, to)} of a comma-separated field value, OWS trimmed. */
    private interface ElementHandler {
        void element(byte[] in, int from, int to);
    }

    private static void forEachElement(byte[] in, int from, int to, ElementHandler handler) {
        int start = from;
        while (true) {
            int comma = indexOf(in, start, to, (byte) ',');
            int end = comma < 0 ? to : comma;
            int trimmedStart = start;
            while (trimmedStart < end && isOws(in[trimmedStart])) {
                trimmedStart++;
            }
            while (end > trimmedStart && isOws(in[end - 1])) {
                end--;
            }
            handler.element(in, trimmedStart, end);
            if (comma < 0) {
                return;
            }
            start = comma + 1;
        }
    }

    /** authority = host [ ":" port ]; host is an IPv6 literal in brackets or a reg-name / IPv4 address. */
    private static void checkAuthority(byte[] in, int from, int to, String what) {
        if (from == to) {
            throw RequestRejection.badRequest("empty " + what);
        }
        int i = from;
        if (in[from] == '[') {
            i++;
            while (i < to && isIpLiteralChar(in[i])) {
                i++;
            }
            if (i == to || in[i] != ']' || i == from + 1) {
                throw RequestRejection.badRequest("malformed IP literal in " + what);
            }
            i++;
        } else {
            while (i < to && isHostChar(in[i])) {
                i++;
            }
            if (i == from) {
                throw RequestRejection.badRequest("empty host in " + what);
            }
        }
        if (i == to) {
            return;
        }
        if (in[i] != ':') {
            throw RequestRejection.badRequest("invalid character in " + what);
        }
        int portDigits = to - i - 1;
        for (int p = i + 1; p < to; p++) {
            if (!isDigit(in[p])) {
                throw RequestRejection.badRequest("invalid port in " + what);
            }
        }
        if (portDigits > 5) {
            throw RequestRejection.badRequest("invalid port in " + what);
        }
    }

    private static String withoutPort(String authority, String defaultPort) {
        return authority.endsWith(defaultPort)
                ? authority.substring(0, authority.length() - defaultPort.length())
                : authority;
    }

    private static boolean nameIs(byte[] in, int from, int to, String lowerCaseName) {
        if (to - from != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            if (Character.toLowerCase((char) (in[from + i] & 0xFF)) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(byte[] in, int from, int to, String lowerCasePrefix) {
        return to - from > lowerCasePrefix.length()
                && nameIs(in, from, from + lowerCasePrefix.length(), lowerCasePrefix);
    }

    private static boolean equalsExactly(byte[] in, int from, int to, String ascii) {
        return to - from == ascii.length() && RequestHeadValidator.matches(in, from, to, ascii);
    }

    private static String text(byte[] in, int from, int to) {
        return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] in, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (in[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
