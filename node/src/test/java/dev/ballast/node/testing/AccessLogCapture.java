package dev.ballast.node.testing;

import dev.ballast.node.logging.AccessLog;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects the access-log lines ({@value AccessLog#LOGGER_NAME}) written while it is open, and only those: the
 * logger gets its own configuration, at info and not additive, until {@link #close()}.
 */
public final class AccessLogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    public AccessLogCapture() {
        appender = new AbstractAppender("access-capture-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        LoggerConfig access = new LoggerConfig(AccessLog.LOGGER_NAME, Level.INFO, false);
        access.addAppender(appender, null, null);
        config.addLogger(AccessLog.LOGGER_NAME, access);
        context.updateLoggers();
    }

    /** Waits (lines are written asynchronously) until exactly {@code count} lines came, and returns them. */
    public List<String> awaitLines(int count) {
        Awaitility.await(count + " access-log lines").atMost(Duration.ofSeconds(10))
                .until(() -> lines.size() >= count);
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(AccessLog.LOGGER_NAME);
        context.updateLoggers();
        appender.stop();
    }
}
