package dev.ballast.node.runtime;

import dev.ballast.node.config.BallastConfig;

import java.nio.file.Path;

/** Reads and validates a node's configuration file (the YAML loader, in production). */
@FunctionalInterface
public interface ConfigSource {

    /** @throws Exception with a message an operator can act on when the file cannot be read or is invalid */
    BallastConfig load(Path file) throws Exception;
}
