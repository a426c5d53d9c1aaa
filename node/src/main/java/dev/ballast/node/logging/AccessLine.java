package dev.ballast.node.logging;

import dev.ballast.node.config.LoggingSettings.AccessLogFormat;
import org.apache.logging.log4j.message.AsynchronouslyFormattable;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.StringBuilderFormattable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One access-log line, formatted by Log4j's background thread rather than the event loop that logged it (the record
 * is immutable, so that is safe). Text, HAProxy-like:
 * {@code time client frontend backend/server Tq/Tw/Tc/Tr/Tt status bytesIn/bytesOut "METHOD uri"};
 * missing names print as "-", and control characters, spaces, quotes and backslashes in names and the URI are
 * escaped as {@code \xHH}, so a request cannot forge a line. JSON: one object per line with the same fields,
 * escaped as JSON strings.
 */
@AsynchronouslyFormattable
final class AccessLine implements Message, StringBuilderFormattable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final AccessRecord record;
    private final AccessLogFormat format;

    AccessLine(AccessRecord record, AccessLogFormat format) {
        this.record = record;
        this.format = format;
    }

    @Override
    public void formatTo(StringBuilder line) {
        if (format == AccessLogFormat.JSON) {
            formatJson(line);
        } else {
            formatText(line);
        }
    }

    private void formatText(StringBuilder line) {
        TIME.formatTo(Instant.ofEpochMilli(record.startMillis()), line);
        line.append(' ');
        field(line, record.client());
        line.append(' ');
        field(line, record.frontend());
        line.append(' ');
        field(line, record.backend());
        line.append('/');
        field(line, record.server());
        line.append(' ').append(record.tq()).append('/').append(record.tw()).append('/').append(record.tc())
                .append('/').append(record.tr()).append('/').append(record.tt());
        line.append(' ').append(record.status()).append(' ').append(record.bytesIn()).append('/')
                .append(record.bytesOut()).append(" \"");
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
                line.append("\\x").append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                line.append(c);
            }
        }
    }

    private void formatJson(StringBuilder line) {
        line.append("{\"time\":\"");
        TIME.formatTo(Instant.ofEpochMilli(record.startMillis()), line);
        line.append('"');
        jsonString(line, "client", record.client());
        jsonString(line, "frontend", record.frontend());
        jsonString(line, "backend", record.backend());
        jsonString(line, "server", record.server());
        jsonString(line, "method", record.method());
        jsonString(line, "uri", record.uri());
        jsonNumber(line, "status", record.status());
        jsonNumber(line, "bytesIn", record.bytesIn());
        jsonNumber(line, "bytesOut", record.bytesOut());
        jsonNumber(line, "tq", record.tq());
        jsonNumber(line, "tw", record.tw());
        jsonNumber(line, "tc", record.tc());
        jsonNumber(line, "tr", record.tr());
        jsonNumber(line, "tt", record.tt());
        line.append('}');
    }

    private static void jsonNumber(StringBuilder line, String name, long value) {
        line.append(",\"").append(name).append("\":").append(value);
    }

    /** RFC 8259 string escaping; non-ASCII is escaped too, so the line is plain ASCII whatever the request had. */
    private static void jsonString(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        line.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    @Override
    public String getFormattedMessage() {
        StringBuilder line = new StringBuilder(160);
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
