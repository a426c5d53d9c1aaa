package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in the repository's config/ folder is valid (tests run in node/, so it is ../config). */
class ExampleConfigsTest {

    static final Path EXAMPLES = Path.of("..", "config");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theDemoAndTheFullExampleAreThere() throws IOException {
        assertThat(examples()).map(p -> p.getFileName().toString()).contains("demo.yaml", "full.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void isValid(Path example) {
        assertThatCode(() -> ConfigLoader.load(example)).doesNotThrowAnyException();
    }
}
