package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({"0,0", "512,512", "16k,16384", "16K,16384", "1m,1048576", "1g,1073741824", "2047m,2146435072"})
    void readsBytesAndUnits(String text, int bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "16kb", "1.5k", "-1", "16 k"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).hasMessageContaining("is not a size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2g", "2048m", "99999999999999999999"})
    void refusesWhatDoesNotFitAnInt(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).hasMessageContaining("is too large");
    }

    @ParameterizedTest
    @CsvSource({"0,0", "100,100", "8192,8k", "32768,32k", "1048576,1m", "1536,1536"})
    void formatsInTheLargestExactUnit(int bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }
}
