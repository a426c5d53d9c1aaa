package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken configuration in {@code src/test/resources/config/broken} is rejected with exactly the errors listed in
 * its {@code .expected} file, in order. {@code <fixtures>} in an expected line stands for the fixtures' folder.
 */
class BrokenConfigTest {

    /** The environment the fixtures see: one variable set, every other one unset. */
    private static final Map<String, String> ENVIRONMENT = Map.of("BALLAST_TEST_TOKEN", "token-from-environment");

    static Path fixtures() throws URISyntaxException {
        return Path.of(BrokenConfigTest.class.getResource("/config/broken").toURI());
    }

    static Stream<String> brokenConfigs() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(fixtures())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreAtLeastTwentyFiveFixtures() throws Exception {
        assertThat(brokenConfigs()).hasSizeGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigs")
    void isRejectedWithExactlyTheExpectedErrors(String fileName) throws Exception {
        Path folder = fixtures();
        String yaml = Files.readString(folder.resolve(fileName), StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(folder.resolve(fileName.replace(".yaml", ".expected"))).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.replace("<fixtures>", folder.toString()))
                .toList();
        LoadContext context = new LoadContext(fileName, folder, ENVIRONMENT::get);

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, context))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.errors()).map(ConfigError::toString).containsExactlyElementsOf(expected);
                    assertThat(e.getMessage()).isEqualTo(String.join("\n", expected));
                });
    }
}
