package dev.ballast.node.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a node's YAML configuration into the typed model, or rejects it with every error found. Nothing starts from a
 * configuration that did not pass here: it is read, every value parsed, every rule checked, and only then built.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads a configuration file; relative paths inside it start at the file's folder. */
    public static BallastConfig load(Path file) throws InvalidConfigException {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(new ConfigError(file.toString(), "cannot read the configuration: "
                    + describe(e))));
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(yaml, LoadContext.system(file.toString(), folder));
    }

    /** Parses configuration text; relative paths inside it start at the working directory. */
    public static BallastConfig parse(String yaml, String sourceName) throws InvalidConfigException {
        return parse(yaml, LoadContext.system(sourceName, Path.of("").toAbsolutePath()));
    }

    static BallastConfig parse(String yaml, LoadContext context) throws InvalidConfigException {
        ImmutableNode root = readYaml(yaml, context.sourceName());
        List<ConfigError> errors = new ArrayList<>();
        Values values = new SchemaReader(new Interpolation(context), errors).readTopLevel(root);
        errors.addAll(ConfigValidator.validate(values, context));
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        try {
            return new ConfigBinder(context).bind(values);
        } catch (InvalidValueException e) {
            // A secret file changed between validation and binding.
            throw new InvalidConfigException(List.of(new ConfigError(context.sourceName(), e.getMessage())));
        }
    }

    private static ImmutableNode readYaml(String yaml, String sourceName) throws InvalidConfigException {
        YAMLConfiguration configuration = new YAMLConfiguration();
        LoaderOptions options = new LoaderOptions();
        // A key written twice is a mistake, not an override: SnakeYAML would silently keep the last one.
        options.setAllowDuplicateKeys(false);
        try {
            configuration.read(new StringReader(yaml), options);
        } catch (ConfigurationException e) {
            throw new InvalidConfigException(List.of(new ConfigError(sourceName, yamlProblem(e))));
        }
        return configuration.getNodeModel().getNodeHandler().getRootNode();
    }

    private static String yamlProblem(ConfigurationException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return "invalid YAML at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ": " + marked.getProblem();
        }
        if (e.getCause() instanceof ClassCastException) {
            return "the top level must be a map of sections (node, admin, logging, frontends, backends, cluster, "
                    + "vips, dns)";
        }
        return "invalid YAML: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    }

    private static String describe(IOException e) {
        return switch (e.getClass().getSimpleName()) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.toString();
        };
    }
}
