package dev.ballast.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret (token, shared key) from a file: UTF-8, surrounding whitespace dropped, never empty. */
final class SecretFiles {

    private SecretFiles() {
    }

    static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidValueException("file " + file + " does not exist");
        }
        try {
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new InvalidValueException("file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new InvalidValueException("cannot read " + file + ": " + e);
        }
    }
}
