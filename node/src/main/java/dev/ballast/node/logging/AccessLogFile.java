package dev.ballast.node.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RandomAccessFileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the access log to the file the configuration names ({@code logging.access-log}), in place of whatever
 * log4j2.xml set up for it (the {@code ballast.access.log} system property). The file is appended to, through a
 * buffered appender behind Log4j's asynchronous loggers, like the one log4j2.xml declares.
 */
public final class AccessLogFile {

    private static final String APPENDER_NAME = "access-file";

    private AccessLogFile() {
    }

    /**
     * Routes {@value AccessLog#LOGGER_NAME} to {@code file} (created with its folders if missing) for the rest of
     * the process.
     *
     * @throws UncheckedIOException when the file's folder cannot be created
     * @throws IllegalStateException when Log4j cannot open the file
     */
    public static void attach(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the access log's folder " + parent + ": " + e.getMessage(),
                    e);
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        RandomAccessFileAppender appender = RandomAccessFileAppender.newBuilder()
                .setName(APPENDER_NAME)
                .setFileName(file.toString())
                .setAppend(true)
                .setImmediateFlush(false)
                .setLayout(PatternLayout.newBuilder().withPattern("%msg%n").withConfiguration(config).build())
                .setConfiguration(config)
                .build();
        if (appender == null) {
            throw new IllegalStateException("cannot open the access log " + file + " (see Log4j's status output)");
        }
        appender.start();
        config.addAppender(appender);
        LoggerConfig access = LoggerConfig.newBuilder()
                .withLoggerName(AccessLog.LOGGER_NAME)
                .withLevel(Level.INFO)
                .withAdditivity(false)
                .withConfig(config)
                .build();
        access.addAppender(appender, null, null);
        config.removeLogger(AccessLog.LOGGER_NAME);
        config.addLogger(AccessLog.LOGGER_NAME, access);
        context.updateLoggers();
    }
}
