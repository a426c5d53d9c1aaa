package dev.ballast.node.logging;

import org.apache.logging.log4j.message.AsynchronouslyFormattable;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.StringBuilderFormattable;

/**
 * One access-log line, formatted by Log4j's background thread rather than the event loop that logged it (the record
 * is immutable, so that is safe). Shape, HAProxy-like:
 * {@code client frontend backend/server Tq/Tw/Tc/Tr/Tt status bytes "METHOD uri"}.
 * Missing names print as "-"; control characters, quotes and backslashes in names and the URI are escaped, so a
 * request cannot forge a log line.
 */
@AsynchronouslyFormattable
final class AccessLine implements Message, StringBuilderFormattable {

    private static final long serialVersionUID = 1L;

    private final AccessRecord record;

    AccessLine(AccessRecord record) {
        this.record = record;
    }

    @Override
    public void formatTo(StringBuilder line) {
        field(line, record.client());
        line.append(' ');
        field(line, record.frontend());
        line.append(' ');
        field(line, record.backend());
        line.append('/');
        field(line, record.server());
        line.append(' ').append(record.tq()).append('/').append(record.tw()).append('/').append(record.tc())
                .append('/').append(record.tr()).append('/').append(record.tt());
        line.append(' ').append(record.status()).append(' ').append(record.bytes()).append(" \"");
        field(line, record.method());
        line.append(' ');
        field(line, record.uri());
        line.append('"');
    }

    private static void field(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) {
            line.append('-');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ' || c == '"' || c == '\\') {
                line.append("\\x").append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                line.append(c);
            }
        }
    }

    @Override
    public String getFormattedMessage() {
        StringBuilder line = new StringBuilder(128);
        formatTo(line);
        return line.toString();
    }

    @Override
    public Object[] getParameters() {
        return null;
    }

    @Override
    public Throwable getThrowable() {
        return null;
    }
}
