package dev.ballast.cli.settings;

import dev.ballast.cli.CtlFailure;
import dev.ballast.cli.Environment;
import dev.ballast.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flags beat environment, environment beats the settings file, the file beats the default; per setting. */
class SettingsResolverTest {

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private Path write(String name, String text) throws IOException {
        Path file = home.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private Path defaultSettingsFile(String text) throws IOException {
        return write(".config/ballast/ballastctl.properties", text);
    }

    private ConnectionSettings resolve(String urlFlag, Path tokenFileFlag) {
        return SettingsResolver.resolve(Optional.ofNullable(urlFlag), Optional.ofNullable(tokenFileFlag),
                new Environment(env, home, Optional.empty()));
    }

    @Test
    void nothingGivenMeansTheDefaultListenerAndNoToken() {
        ConnectionSettings settings = resolve(null, null);

        assertThat(settings.url()).isEqualTo(URI.create("http://127.0.0.1:9900"));
        assertThat(settings.token()).isEmpty();
    }

    @Test
    void theSettingsFileBeatsTheDefault() throws IOException {
        write(".config/ballast/token", "from-file-token\n");
        defaultSettingsFile("url = http://10.0.0.5:9900/\ntoken-file = token\n");

        ConnectionSettings settings = resolve(null, null);

        assertThat(settings.url()).isEqualTo(URI.create("http://10.0.0.5:9900"));
        assertThat(settings.token()).contains("from-file-token");
        assertThat(settings.tokenFrom()).contains("ballastctl.properties (token-file ");
    }

    @Test
    void theEnvironmentBeatsTheSettingsFile() throws IOException {
        defaultSettingsFile("url=http://10.0.0.5:9900\ntoken=file-token\n");
        env.put("BALLAST_URL", "https://lb2.example:9443");
        env.put("BALLAST_TOKEN", " env-token \n");

        ConnectionSettings settings = resolve(null, null);

        assertThat(settings.url()).isEqualTo(URI.create("https://lb2.example:9443"));
        assertThat(settings.token()).contains("env-token");
        assertThat(settings.tokenFrom()).isEqualTo("BALLAST_TOKEN");
    }

    @Test
    void aTokenFileInTheEnvironmentIsReadRelativeToTheWorkingDirectoryAsGiven() throws IOException {
        Path tokenFile = write("secrets/admin.token", "env-file-token");
        env.put("BALLAST_TOKEN_FILE", tokenFile.toString());

        assertThat(resolve(null, null).token()).contains("env-file-token");
    }

    @Test
    void flagsBeatTheEnvironment() throws IOException {
        env.put("BALLAST_URL", "http://10.0.0.5:9900");
        env.put("BALLAST_TOKEN", "env-token");
        Path tokenFile = write("flag.token", "flag-token");

        ConnectionSettings settings = resolve("http://127.0.0.1:9901", tokenFile);

        assertThat(settings.url()).isEqualTo(URI.create("http://127.0.0.1:9901"));
        assertThat(settings.token()).contains("flag-token");
        assertThat(settings.tokenFrom()).isEqualTo("--token-file " + tokenFile);
    }

    @Test
    void eachSettingFallsBackOnItsOwn() throws IOException {
        defaultSettingsFile("url=http://10.0.0.5:9900\n");
        env.put("BALLAST_TOKEN", "env-token");

        ConnectionSettings settings = resolve(null, null);

        assertThat(settings.url()).isEqualTo(URI.create("http://10.0.0.5:9900"));
        assertThat(settings.token()).contains("env-token");
    }

    @Test
    void xdgConfigHomeAndBallastctlConfigMoveTheSettingsFile() throws IOException {
        write("xdg/ballast/ballastctl.properties", "url=http://10.0.0.6:9900\n");
        Path explicit = write("elsewhere.properties", "url=http://10.0.0.7:9900\n");

        env.put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
        assertThat(resolve(null, null).url()).isEqualTo(URI.create("http://10.0.0.6:9900"));
        env.put("BALLASTCTL_CONFIG", explicit.toString());
        assertThat(resolve(null, null).url()).isEqualTo(URI.create("http://10.0.0.7:9900"));
    }

    @Test
    void emptyVariablesCountAsUnset() {
        env.put("BALLAST_URL", "");
        env.put("BALLAST_TOKEN", "");

        ConnectionSettings settings = resolve(null, null);

        assertThat(settings.url()).isEqualTo(ConnectionSettings.DEFAULT_URL);
        assertThat(settings.token()).isEmpty();
    }

    @Test
    void wrongSettingsAreUsageErrorsThatNameTheirSource() throws IOException {
        assertUsage(() -> resolve("127.0.0.1:9900", null), "--url: '127.0.0.1:9900' is not an http:// or https:// URL");
        assertUsage(() -> resolve("http://h:1/?x=1", null), "--url: 'http://h:1/?x=1' must not have a query");

        env.put("BALLAST_TOKEN", "a");
        env.put("BALLAST_TOKEN_FILE", "/b");
        assertUsage(() -> resolve(null, null), "both BALLAST_TOKEN and BALLAST_TOKEN_FILE are set; set only one");
        env.clear();

        Path file = defaultSettingsFile("url=http://h:1\ntokn=x\n");
        assertUsage(() -> resolve(null, null), file + ": unknown key tokn (known: url, token, token-file)");
        defaultSettingsFile("token=a\ntoken-file=b\n");
        assertUsage(() -> resolve(null, null), "both token and token-file are set");
        defaultSettingsFile("url=localhost\n");
        assertUsage(() -> resolve(null, null), file + " (url): 'localhost' is not an http:// or https:// URL");

        env.put("BALLASTCTL_CONFIG", home.resolve("missing.properties").toString());
        assertUsage(() -> resolve(null, null), "cannot read the settings file " + home.resolve("missing.properties")
                + " (from BALLASTCTL_CONFIG): no such file");
    }

    private static void assertUsage(Runnable resolution, String message) {
        assertThatThrownBy(resolution::run).isInstanceOfSatisfying(CtlFailure.class, failure -> {
            assertThat(failure.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(failure.getMessage()).contains(message);
        });
    }

    @Test
    void theTokenNeverAppearsInToString() {
        env.put("BALLAST_TOKEN", "top-secret");

        assertThat(resolve(null, null).toString()).doesNotContain("top-secret").contains("from BALLAST_TOKEN");
    }
}
