package dev.ballast.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real launcher, {@code bin/ballastctl ARGS}, as an operator would, and captures what it printed. */
public final class CtlProcess {

    private CtlProcess() {
    }

    /**
     * @param work      a folder for the captured output
     * @param variables set in the launcher's environment; the BALLAST_/BALLASTCTL_ variables of this JVM are removed
     */
    public static Ctl.Result run(Path work, Map<String, String> variables, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(NodeProcess.HOME.resolve("bin/ballastctl").toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(work, "ctl", ".out");
        Path stderr = Files.createTempFile(work, "ctl", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(NodeProcess.HOME.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("BALLAST"));
        builder.environment().put("HOME", work.toString()); // no settings file of the person running the tests
        builder.environment().remove("XDG_CONFIG_HOME");
        builder.environment().putAll(variables);
        Process process = builder.start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("bin/ballastctl " + String.join(" ", args) + " did not finish");
            }
        } finally {
            process.destroyForcibly();
        }
        return new Ctl.Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
