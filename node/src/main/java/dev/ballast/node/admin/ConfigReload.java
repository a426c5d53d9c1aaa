package dev.ballast.node.admin;

import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.InvalidConfigException;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.runtime.ConfigSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/reload}: reads and validates the configuration file again. An invalid file is refused whole
 * with every error (422) and nothing changes. A valid one is compared with the configuration in force: servers'
 * weights and admin states are applied at run time, through the same {@link ServerActions} as the operator's
 * actions (on a clustered node, decisions for every node that replace earlier ones on the same attributes and leave
 * the others in force: docs/admin-api.md, "Reload and operator decisions"); any other change needs a restart, so the reload is refused (409) naming each such change, and nothing
 * changes.
 */
final class ConfigReload {

    private static final Logger LOG = LogManager.getLogger(ConfigReload.class);
    /** The only differences applied without a restart. */
    private static final Pattern RUN_TIME_CHANGE =
            Pattern.compile("backends\\[[^\\]]+]\\.servers\\[[^\\]]+]\\.(weight|state)");

    private final LiveConfig live;
    private final ConfigSource configs;
    private final ServerActions actions;

    ConfigReload(LiveConfig live, ConfigSource configs, ServerActions actions) {
        this.live = live;
        this.configs = configs;
        this.actions = actions;
    }

    /** @return the SHA-256 of the file now in force */
    synchronized String reload() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(live.file());
        } catch (IOException e) {
            throw new ApiException(422, "cannot read the configuration file " + live.file() + ": " + e,
                    List.of(new ApiException.FieldError(live.file().toString(), "cannot read the file: " + e)));
        }
        BallastConfig next = load();
        BallastConfig current = live.config();
        List<String> changes = ConfigDiff.paths(current, next);
        List<String> needRestart = changes.stream().filter(path -> !RUN_TIME_CHANGE.matcher(path).matches()).toList();
        if (!needRestart.isEmpty()) {
            throw new ApiException(409, "the configuration changes settings that only a restart applies: "
                    + String.join(", ", needRestart) + "; nothing was changed");
        }
        for (BackendConfig backend : next.backends()) {
            BackendConfig before = current.backend(backend.name()).orElseThrow();
            for (ServerConfig server : backend.servers()) {
                ServerConfig was = before.server(server.name()).orElseThrow();
                if (was.weight() != server.weight()) {
                    actions.setWeight(backend.name(), server.name(), server.weight());
                }
                if (was.state() != server.state()) {
                    actions.setState(backend.name(), server.name(), server.state());
                }
            }
        }
        String sha256 = Sha256.hex(bytes);
        live.replace(next, sha256);
        LOG.info("Configuration reloaded from {} ({} change(s) applied, sha256 {})", live.file(), changes.size(),
                sha256);
        return sha256;
    }

    private BallastConfig load() {
        try {
            return configs.load(live.file());
        } catch (InvalidConfigException e) {
            List<ApiException.FieldError> errors = e.errors().stream()
                    .map(error -> new ApiException.FieldError(error.path(), error.message())).toList();
            throw new ApiException(422, "the configuration file " + live.file() + " is invalid (" + errors.size()
                    + " error(s)); nothing was changed", errors);
        } catch (Exception e) {
            throw new ApiException(422, "cannot load the configuration file " + live.file() + ": " + e.getMessage()
                    + "; nothing was changed", List.of(new ApiException.FieldError(live.file().toString(),
                    String.valueOf(e.getMessage()))));
        }
    }
}
