package dev.ballast.node.config;

import java.util.ArrayList;
import java.util.List;

/** Runs every cross-key rule and collects all their errors. */
final class ConfigValidator {

    private static final List<ConfigRule> RULES = List.of(
            new FrontendRules(),
            new BackendRules(),
            new BindRules(),
            new SecretRules(),
            new ClusterRules());

    private ConfigValidator() {
    }

    static List<ConfigError> validate(Values root, LoadContext context) {
        List<ConfigError> errors = new ArrayList<>();
        for (ConfigRule rule : RULES) {
            rule.check(root, context, errors);
        }
        return errors;
    }
}
