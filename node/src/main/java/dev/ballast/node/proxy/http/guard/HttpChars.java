package dev.ballast.node.proxy.http.guard;

/** Character classes of RFC 9110/9112 and RFC 3986, as lookup tables over a byte (0..255). */
final class HttpChars {

    private static final boolean[] TCHAR = table("!#$%&'*+-.^_`|~" + range('0', '9') + range('A', 'Z')
            + range('a', 'z'));
    private static final boolean[] HOST_CHAR = table("-._~%!$&'()*+,;=" + range('0', '9') + range('A', 'Z')
            + range('a', 'z'));
    private static final boolean[] TARGET_CHAR = table(range('!', '~').replace("#", ""));
    /** HTAB, SP, VCHAR and obs-text: everything but NUL, CR, LF, the other controls and DEL. */
    private static final boolean[] FIELD_VALUE_CHAR = fieldValueTable();
    private static final boolean[] IP_LITERAL_CHAR = table(":." + range('0', '9') + range('A', 'F')
            + range('a', 'f'));

    private HttpChars() {
    }

    /** The index of the first byte in {@code [from, to)} that is not a token character, or {@code to}. */
    static int skipTchars(byte[] line, int from, int to) {
        return skip(line, from, to, TCHAR);
    }

    /** The index of the first byte in {@code [from, to)} not allowed in a request target, or {@code to}. */
    static int skipTargetChars(byte[] line, int from, int to) {
        return skip(line, from, to, TARGET_CHAR);
    }

    /** The index of the first byte in {@code [from, to)} not allowed in a field value, or {@code to}. */
    static int skipFieldValueChars(byte[] line, int from, int to) {
        return skip(line, from, to, FIELD_VALUE_CHAR);
    }

    private static int skip(byte[] line, int from, int to, boolean[] table) {
        int i = from;
        while (i < to && table[line[i] & 0xFF]) {
            i++;
        }
        return i;
    }

    /** A token character (method, header name, transfer coding). */
    static boolean isTchar(int b) {
        return TCHAR[b & 0xFF];
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

    private static boolean[] fieldValueTable() {
        boolean[] table = new boolean[256];
        table['\t'] = true;
        for (int c = 0x20; c < 256; c++) {
            table[c] = c != 0x7F;
        }
        return table;
    }

    private static boolean[] table(String members) {
        boolean[] table = new boolean[256];
        for (int i = 0; i < members.length(); i++) {
            table[members.charAt(i)] = true;
        }
        return table;
    }
}
