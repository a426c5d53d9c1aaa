package dev.ballast.node.config;

import static dev.ballast.node.config.NodeSchema.ADMIN_TOKEN;
import static dev.ballast.node.config.NodeSchema.ADMIN_TOKEN_FILE;

import java.nio.file.Path;
import java.util.List;

/** Secrets kept in files must be readable now, not at the first admin request or cluster join. */
final class SecretRules implements ConfigRule {

    @Override
    public void check(Values root, LoadContext context, List<ConfigError> errors) {
        Values admin = root.section(NodeSchema.ADMIN);
        if (admin.isGiven(ADMIN_TOKEN) && admin.isGiven(ADMIN_TOKEN_FILE)) {
            errors.add(new ConfigError(admin.path(ADMIN_TOKEN_FILE), "give token or token-file, not both"));
        } else {
            checkReadable(admin, ADMIN_TOKEN_FILE, context, errors);
        }
        checkReadable(root.section(ClusterSchema.CLUSTER), ClusterSchema.SECRET_FILE, context, errors);
    }

    private static void checkReadable(Values section, Setting<Path> file, LoadContext context, List<ConfigError> errors) {
        section.find(file).ifPresent(path -> {
            try {
                SecretFiles.read(context.resolve(path));
            } catch (InvalidValueException e) {
                errors.add(new ConfigError(section.path(file), e.getMessage()));
            }
        });
    }
}
