package dev.ballast.node.logging;

import dev.ballast.node.config.LoggingSettings.AccessLogFormat;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes one line per request to the {@code ballast.access} logger, which log4j2.xml sends to the file named by the
 * system property {@code ballast.access.log} (and nowhere when it is unset). Cheap on the caller's thread: it only
 * hands the immutable record to Log4j's asynchronous queue; the line is formatted in the background.
 */
public final class AccessLog {

    /** The logger name log4j2.xml routes to the access-log file. */
    public static final String LOGGER_NAME = "ballast.access";

    private final Logger logger = LogManager.getLogger(LOGGER_NAME);
    private final AccessLogFormat format;

    /** @param format text (one HAProxy-like line) or json (one object per line) */
    public AccessLog(AccessLogFormat format) {
        this.format = format;
    }

    /** Whether lines are written at all; callers skip gathering a record when not. */
    public boolean enabled() {
        return logger.isInfoEnabled();
    }

    public void log(AccessRecord record) {
        if (logger.isInfoEnabled()) {
            logger.log(Level.INFO, new AccessLine(record, format));
        }
    }

    /** The line {@link #log} writes for {@code record}. */
    public static String format(AccessRecord record, AccessLogFormat format) {
        return new AccessLine(record, format).getFormattedMessage();
    }
}
