package dev.ballast.node.logging;

import dev.ballast.node.config.LoggingSettings.AccessLogFormat;
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

    /** 2026-11-26T23:00:00.123Z */
    private static final long START = 1_795_734_000_123L;

    @Test
    void formatsAnHaproxyLikeLine() {
        AccessRecord record = new AccessRecord(START, "127.0.0.1:50312", "http-in", "app", "web1", "GET",
                "/index.html?a=1", 200, 96, 5120, 0, 1, 2, 15, 18);
        assertThat(AccessLog.format(record, AccessLogFormat.TEXT))
                .isEqualTo("2026-11-26T23:00:00.123Z 127.0.0.1:50312 http-in app/web1 0/1/2/15/18 200 96/5120 "
                        + "\"GET /index.html?a=1\"");
    }

    @Test
    void marksMissingFieldsAndEscapesWhatCouldForgeALine() {
        AccessRecord record = new AccessRecord(START, "127.0.0.1:1", "http-in", "app", null, "GET",
                "/a\"b\\c\nd e", 503, 40, 0, 0, -1, -1, -1, 3);
        assertThat(AccessLog.format(record, AccessLogFormat.TEXT))
                .isEqualTo("2026-11-26T23:00:00.123Z 127.0.0.1:1 http-in app/- 0/-1/-1/-1/3 503 40/0 "
                        + "\"GET /a\\x22b\\x5cc\\x0ad\\x20e\"");
    }

    @Test
    void formatsOneJsonObjectWithNullsForWhatIsUnknownAndEscapedStrings() {
        AccessRecord record = new AccessRecord(START, "127.0.0.1:1", "http-in", null, null, null,
                "/a\"b\\c\nd\u00e9\u0001", 400, 12, 98, -1, -1, -1, -1, 0);
        assertThat(AccessLog.format(record, AccessLogFormat.JSON))
                .isEqualTo("{\"time\":\"2026-11-26T23:00:00.123Z\",\"client\":\"127.0.0.1:1\",\"frontend\":\"http-in\","
                        + "\"backend\":null,\"server\":null,\"method\":null,"
                        + "\"uri\":\"/a\\\"b\\\\c\\nd\\u00e9\\u0001\",\"status\":400,\"bytesIn\":12,\"bytesOut\":98,"
                        + "\"tq\":-1,\"tw\":-1,\"tc\":-1,\"tr\":-1,\"tt\":0}");
    }

    @Test
    void writesLinesToTheFileNamedBySystemPropertyAndNotToTheConsole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        System.setProperty(ACCESS_LOG_PROPERTY, file.toString());
        loadShippedConfiguration();

        AccessLog accessLog = new AccessLog(AccessLogFormat.TEXT);
        assertThat(accessLog.enabled()).isTrue();
        accessLog.log(new AccessRecord(START, "127.0.0.1:40000", "http-in", "app", "web2", "POST", "/orders", 201,
                180, 42, 1, 0, 0, 7, 9));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.size(file) > 0);
        assertThat(Files.readAllLines(file)).singleElement().asString()
                .isEqualTo("2026-11-26T23:00:00.123Z 127.0.0.1:40000 http-in app/web2 1/0/0/7/9 201 180/42 "
                        + "\"POST /orders\"");
        LoggerConfig accessConfig = context.getConfiguration().getLoggerConfig(AccessLog.LOGGER_NAME);
        assertThat(accessConfig.getName()).isEqualTo(AccessLog.LOGGER_NAME);
        assertThat(accessConfig.isAdditive()).isFalse();
        assertThat(accessConfig.getAppenders()).containsOnlyKeys("access");
    }

    @Test
    void theFileNamedByTheConfigurationTakesTheLinesInItsFormat(@TempDir Path dir) throws Exception {
        System.clearProperty(ACCESS_LOG_PROPERTY);
        loadShippedConfiguration();
        Path file = dir.resolve("logs/access.log");

        AccessLogFile.attach(file);
        AccessLog accessLog = new AccessLog(AccessLogFormat.JSON);
        assertThat(accessLog.enabled()).isTrue();
        accessLog.log(new AccessRecord(START, "127.0.0.1:40000", "http-in", "app", "web2", "GET", "/", 200,
                30, 120, 0, 0, 1, 2, 3));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.size(file) > 0);
        assertThat(Files.readAllLines(file)).containsExactly("{\"time\":\"2026-11-26T23:00:00.123Z\","
                + "\"client\":\"127.0.0.1:40000\",\"frontend\":\"http-in\",\"backend\":\"app\",\"server\":\"web2\","
                + "\"method\":\"GET\",\"uri\":\"/\",\"status\":200,\"bytesIn\":30,\"bytesOut\":120,"
                + "\"tq\":0,\"tw\":0,\"tc\":1,\"tr\":2,\"tt\":3}");
        LoggerConfig accessConfig = context.getConfiguration().getLoggerConfig(AccessLog.LOGGER_NAME);
        assertThat(accessConfig.isAdditive()).isFalse();
    }

    @Test
    void writesNothingWhenNoFileIsGiven() throws Exception {
        System.clearProperty(ACCESS_LOG_PROPERTY);
        loadShippedConfiguration();

        assertThat(new AccessLog(AccessLogFormat.TEXT).enabled()).isFalse();
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
