package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ballast.node.Main;
import picocli.CommandLine;

class CheckConfigCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine ballast = new CommandLine(new Main());
        ballast.setOut(new PrintWriter(out, true));
        ballast.setErr(new PrintWriter(err, true));
        return ballast.execute(args);
    }

    @Test
    void aValidFileExitsZero() {
        String demo = Path.of("..", "config", "demo.yaml").toString();
        assertThat(run("check-config", demo)).isZero();
        assertThat(out).hasToString(demo + ": configuration is valid\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anInvalidFileExitsOneWithEveryError(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("bad.yaml");
        Files.writeString(file, """
                frontends:
                  - {name: http, bind: "127.0.0.1:8080", defualt-backend: web}
                backends:
                  - {name: web, servers: [{name: web1, address: 10.0.0.1}]}
                """);

        assertThat(run("check-config", file.toString())).isEqualTo(1);
        assertThat(err).hasToString("""
                frontends[http].defualt-backend: unknown key (did you mean `default-backend`?)
                backends[web].servers[web1].address: "10.0.0.1" has no port (expected host:port)
                frontends[http].default-backend: required when a frontend has no routes
                %s: configuration is invalid (3 errors)
                """.formatted(file));
    }

    @Test
    void aMissingFileExitsOne(@TempDir Path folder) {
        Path missing = folder.resolve("nope.yaml");
        assertThat(run("check-config", missing.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith(missing + ": cannot read the configuration: no such file\n");
    }

    @Test
    void theReferenceCommandPrintsTheGeneratedReference() {
        assertThat(run("config-reference")).isZero();
        assertThat(out).hasToString(ConfigReference.markdown());
    }

    @Test
    void theReferenceCommandUpdatesAReadmeBetweenItsMarkers(@TempDir Path folder) throws Exception {
        Path readme = folder.resolve("README.md");
        Files.writeString(readme, "# Title\n" + ConfigReference.BEGIN_MARKER + "\nstale\n" + ConfigReference.END_MARKER
                + "\nrest\n");

        assertThat(run("config-reference", "--update", readme.toString())).isZero();
        assertThat(Files.readString(readme)).isEqualTo("# Title\n" + ConfigReference.BEGIN_MARKER + "\n"
                + ConfigReference.markdown() + ConfigReference.END_MARKER + "\nrest\n");
    }
}
