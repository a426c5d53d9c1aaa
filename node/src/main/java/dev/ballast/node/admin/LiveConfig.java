package dev.ballast.node.admin;

import dev.ballast.node.config.BallastConfig;

import java.nio.file.Path;

/**
 * The configuration in force on this node: the file it came from, its parsed form and the SHA-256 of the bytes it
 * was read from. Replaced whole by a successful reload.
 */
final class LiveConfig {

    /** @param sha256 hex digest of the bytes the configuration was read from */
    record Loaded(BallastConfig config, String sha256) {
    }

    private final Path file;
    private volatile Loaded loaded;

    LiveConfig(Path file, BallastConfig config, String sha256) {
        this.file = file.toAbsolutePath();
        this.loaded = new Loaded(config, sha256);
    }

    Path file() {
        return file;
    }

    Loaded loaded() {
        return loaded;
    }

    BallastConfig config() {
        return loaded.config();
    }

    void replace(BallastConfig config, String sha256) {
        loaded = new Loaded(config, sha256);
    }
}
