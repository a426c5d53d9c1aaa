package dev.ballast.node.proxy.http.guard;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/** Character classes of RFC 9110/9112 and RFC 3986, as lookup tables over a byte (0..255). */
final class HttpChars {

    /** Run matchers for {@link #skip}: Netty's forEachByte scans a buffer faster than getByte in a loop. */
    static final ByteProcessor TCHARS = HttpChars::isTchar;
    static final ByteProcessor TARGET_CHARS = HttpChars::isTargetChar;
    static final ByteProcessor FIELD_VALUE_CHARS = HttpChars::isFieldValueChar;

    private static final boolean[] TCHAR = table("!#$%&'*+-.^_`|~" + range('0', '9') + range('A', 'Z')
            + range('a', 'z'));
    private static final boolean[] HOST_CHAR = table("-._~%!$&'()*+,;=" + range('0', '9') + range('A', 'Z')
            + range('a', 'z'));
    private static final boolean[] IP_LITERAL_CHAR = table(":." + range('0', '9') + range('A', 'F')
            + range('a', 'f'));

    private HttpChars() {
    }

    /** The index of the first byte in {@code [from, to)} the processor refuses, or {@code to}. */
    static int skip(ByteBuf in, int from, int to, ByteProcessor run) {
        if (from >= to) {
            return to;
        }
        int stop = in.forEachByte(from, to - from, run);
        return stop < 0 ? to : stop;
    }

    /** A token character (method, header name, transfer coding). */
    static boolean isTchar(int b) {
        return TCHAR[b & 0xFF];
    }

    /** A byte allowed in a field value: HTAB, SP, VCHAR or obs-text; never NUL, CR, LF or other controls. */
    static boolean isFieldValueChar(int b) {
        int c = b & 0xFF;
        return c == '\t' || c >= 0x20 && c != 0x7F;
    }

    /** A byte allowed in a request target: visible ASCII except '#' (fragments are never sent). */
    static boolean isTargetChar(int b) {
        int c = b & 0xFF;
        return c > 0x20 && c < 0x7F && c != '#';
    }

    /** reg-name / IPv4 characters of a Host (RFC 3986 unreserved, pct-encoded, sub-delims). */
    static boolean isHostChar(int b) {
        return HOST_CHAR[b & 0xFF];
    }

    /** Characters inside the brackets of an IPv6 literal. */
    static boolean isIpLiteralChar(int b) {
        return IP_LITERAL_CHAR[b & 0xFF];
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    static boolean isOws(int b) {
        return b == ' ' || b == '\t';
    }

    /** A byte as text for error messages: printable as is, anything else as hex. */
    static String describe(int b) {
        int c = b & 0xFF;
        return c > 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("0x%02X", c);
    }

    private static String range(char from, char to) {
        StringBuilder s = new StringBuilder();
        for (char c = from; c <= to; c++) {
            s.append(c);
        }
        return s.toString();
    }

    private static boolean[] table(String members) {
        boolean[] table = new boolean[256];
        for (int i = 0; i < members.length(); i++) {
            table[members.charAt(i)] = true;
        }
        return table;
    }
}
