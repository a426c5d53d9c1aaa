package dev.ballast.node.config;

import java.util.List;

/** A check across keys (references, collisions, combinations) run after every value has been read. */
interface ConfigRule {

    /**
     * Adds an error for every violation. Values that failed to parse are absent from {@code root}; a rule skips what it
     * cannot judge rather than report a consequence of an error already reported.
     */
    void check(Values root, LoadContext context, List<ConfigError> errors);
}
