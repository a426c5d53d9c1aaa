package dev.ballast.node.demo;

import dev.ballast.node.demo.QueryParameters.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersTest {

    @Test
    void readsANumberWithinItsRange() {
        assertThat(new QueryParameters("/delay?ms=250").number("ms", 0, 1000)).isEqualTo(250);
        assertThat(new QueryParameters("/bytes?x=1&n=0").number("n", 0, 10)).isZero();
        assertThat(new QueryParameters("/bytes?n=4294967296").number("n", 0, 1L << 40)).isEqualTo(1L << 32);
    }

    @Test
    void namesTheParameterAndTheRangeWhenItIsMissing() {
        assertThatThrownBy(() -> new QueryParameters("/delay").number("ms", 0, 1000))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("missing query parameter ms: ms must be a whole number from 0 to 1000");
    }

    @Test
    void refusesWhatIsNotANumber() {
        assertThatThrownBy(() -> new QueryParameters("/status?code=abc").number("code", 200, 599))
                .hasMessage("code=abc is not a number: code must be a whole number from 200 to 599");
        assertThatThrownBy(() -> new QueryParameters("/status?code=").number("code", 200, 599))
                .hasMessage("code= is not a number: code must be a whole number from 200 to 599");
    }

    @Test
    void refusesOutOfRangeValues() {
        assertThatThrownBy(() -> new QueryParameters("/status?code=99").number("code", 200, 599))
                .hasMessage("code=99 is out of range: code must be a whole number from 200 to 599");
        assertThatThrownBy(() -> new QueryParameters("/delay?ms=-1").number("ms", 0, 1000))
                .hasMessage("ms=-1 is out of range: ms must be a whole number from 0 to 1000");
    }

    @Test
    void refusesARepeatedParameter() {
        assertThatThrownBy(() -> new QueryParameters("/delay?ms=1&ms=2").number("ms", 0, 1000))
                .hasMessage("query parameter ms given 2 times: ms must be a whole number from 0 to 1000");
    }
}
