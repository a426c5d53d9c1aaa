package dev.ballast.node.logging;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccessLogTest {

    private static final String ACCESS_LOG_PROPERTY = "ballast.access.log";

    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private URI previousConfig;

    @BeforeEach
    void rememberConfiguration() {
        previousConfig = context.getConfigLocation();
    }

    @AfterEach
    void restoreConfiguration() {
        System.clearProperty(ACCESS_LOG_PROPERTY);
        context.setConfigLocation(previousConfig);
    }

    /** Reloads the shipped log4j2.xml, which reads ballast.access.log when it is loaded. */
    private void loadShippedConfiguration() throws Exception {
        context.setConfigLocation(AccessLog.class.getResource("/log4j2.xml").toURI());
    }

    @Test
    void formatsAnHaproxyLikeLine() {
        AccessRecord record = new AccessRecord("127.0.0.1:50312", "http-in", "app", "web1", "GET", "/index.html?a=1",
                200, 5120, 0, 1, 2, 15, 18);
        assertThat(AccessLog.format(record))
                .isEqualTo("127.0.0.1:50312 http-in app/web1 0/1/2/15/18 200 5120 \"GET /index.html?a=1\"");
    }

    @Test
    void marksMissingFieldsAndEscapesWhatCouldForgeALine() {
        AccessRecord record = new AccessRecord("127.0.0.1:1", "http-in", "app", null, "GET", "/a\"b\\c\nd e",
                503, 0, 0, -1, -1, -1, 3);
        assertThat(AccessLog.format(record))
                .isEqualTo("127.0.0.1:1 http-in app/- 0/-1/-1/-1/3 503 0 \"GET /a\\x22b\\x5cc\\x0ad\\x20e\"");
    }

    @Test
    void writesLinesToTheFileNamedBySystemPropertyAndNotToTheConsole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        System.setProperty(ACCESS_LOG_PROPERTY, file.toString());
        loadShippedConfiguration();

        AccessLog accessLog = new AccessLog();
        assertThat(accessLog.enabled()).isTrue();
        accessLog.log(new AccessRecord("127.0.0.1:40000", "http-in", "app", "web2", "POST", "/orders", 201, 42,
                1, 0, 0, 7, 9));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.size(file) > 0);
        assertThat(Files.readAllLines(file)).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* "
                        + "127\\.0\\.0\\.1:40000 http-in app/web2 1/0/0/7/9 201 42 \"POST /orders\"");
        LoggerConfig accessConfig = context.getConfiguration().getLoggerConfig(AccessLog.LOGGER_NAME);
        assertThat(accessConfig.getName()).isEqualTo(AccessLog.LOGGER_NAME);
        assertThat(accessConfig.isAdditive()).isFalse();
        assertThat(accessConfig.getAppenders()).containsOnlyKeys("access");
    }

    @Test
    void writesNothingWhenNoFileIsGiven() throws Exception {
        System.clearProperty(ACCESS_LOG_PROPERTY);
        loadShippedConfiguration();

        assertThat(new AccessLog().enabled()).isFalse();
        LoggerConfig accessConfig = context.getConfiguration().getLoggerConfig(AccessLog.LOGGER_NAME);
        assertThat(accessConfig.getName()).isEqualTo(AccessLog.LOGGER_NAME);
        assertThat(accessConfig.isAdditive()).isFalse();
        assertThat(accessConfig.getAppenders()).isEmpty();
    }

    @Test
    void loggersAreAsynchronous() {
        assertThat(context.getClass().getSimpleName()).isEqualTo("AsyncLoggerContext");
    }
}
