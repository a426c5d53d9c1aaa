package dev.ballast.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast config-reference}: prints the configuration reference, or rewrites README.md's copy of it. */
@Command(name = "config-reference", mixinStandardHelpOptions = true,
        description = "Print the configuration reference (Markdown) generated from the schema.")
public final class ConfigReferenceCommand implements Callable<Integer> {

    @Option(names = "--update", paramLabel = "README",
            description = "Replace the reference between the config-reference markers of this file instead of printing it.")
    Path readme;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (readme == null) {
            spec.commandLine().getOut().print(ConfigReference.markdown());
            spec.commandLine().getOut().flush();
            return 0;
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        try {
            Files.writeString(readme, ConfigReference.spliceInto(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(readme + ": " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(readme + ": configuration reference updated");
        return 0;
    }
}
