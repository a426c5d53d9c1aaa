package dev.ballast.node.testing;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the formatted messages logged while it is open, so a test can check what an operator would read. */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    public LogCapture() {
        appender = new AbstractAppender("capture-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Waits until a line holding every fragment has been logged. Loggers are asynchronous, so a line can
     * arrive after the client already saw the response that caused it.
     */
    public void awaitLine(String... fragments) {
        Awaitility.await("a log line containing " + List.of(fragments))
                .atMost(Duration.ofSeconds(5))
                .until(() -> contains(fragments));
    }

    public boolean contains(String... fragments) {
        return lines.stream().anyMatch(line -> {
            for (String fragment : fragments) {
                if (!line.contains(fragment)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
