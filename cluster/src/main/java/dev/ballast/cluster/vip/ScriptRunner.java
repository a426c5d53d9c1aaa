package dev.ballast.cluster.vip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one short external command with a hard timeout and captures its combined output. */
final class ScriptRunner {

    private final Duration timeout;

    ScriptRunner(Duration timeout) {
        this.timeout = timeout;
    }

    Result run(List<String> command) throws VipException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new VipException("cannot start " + command + ": " + e.getMessage(), e);
        }
        try (InputStream output = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new VipException(command + " did not finish within " + timeout.toMillis() + " ms; killed it");
            }
            return new Result(process.exitValue(), new String(output.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new VipException("interrupted while running " + command, e);
        } catch (IOException e) {
            throw new VipException("cannot read the output of " + command + ": " + e.getMessage(), e);
        }
    }

    record Result(int exitCode, String output) {
    }
}
