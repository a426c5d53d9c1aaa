package dev.ballast.node.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast check-config FILE}: validates only, like {@code haproxy -c} and {@code nginx -t}. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a configuration file without starting anything. Exit status 0 when it is valid, "
                + "1 with every error (path: message) when it is not.")
public final class CheckConfigCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            ConfigLoader.load(file);
            spec.commandLine().getOut().println(file + ": configuration is valid");
            return 0;
        } catch (InvalidConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.errors().forEach(err::println);
            int count = e.errors().size();
            err.println(file + ": configuration is invalid (" + count + (count == 1 ? " error)" : " errors)"));
            return 1;
        }
    }
}
