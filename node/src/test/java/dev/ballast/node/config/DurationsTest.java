package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"250ms,250", "2s,2000", "1.5s,1500", "1m,60000", "1h,3600000", "1d,86400000", "1m30s,90000",
            "0,0", "0s,0", "' 5s ',5000"})
    void readsUnitsAndCombinations(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "60", "1.5"})
    void refusesBareNumbersWithAHint(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage(
                text + " has no unit (write e.g. " + text + "s or " + text + "ms; units: ms, s, m, h, d)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "5 s", "-5s", "1w", "5sec", "1s1", "0.5ms"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "250,250ms", "1500,1500ms", "2000,2s", "90000,90s", "60000,1m", "3600000,1h", "86400000,1d"})
    void formatsInTheLargestExactUnit(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
