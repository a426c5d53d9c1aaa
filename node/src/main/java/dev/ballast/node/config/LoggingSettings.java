package dev.ballast.node.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * @param level           level of the operator's console log (error, warn, info, debug)
 * @param accessLog       file the access log is written to; empty means no access log
 * @param accessLogFormat text (one readable line) or json (one object per line)
 */
public record LoggingSettings(String level, Optional<Path> accessLog, AccessLogFormat accessLogFormat) {

    public enum AccessLogFormat { TEXT, JSON }
}
