package dev.ballast.cli.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void durationsShowTheTwoLargestUnits() {
        assertThat(Formats.duration(0)).isEqualTo("0s");
        assertThat(Formats.duration(59)).isEqualTo("59s");
        assertThat(Formats.duration(65)).isEqualTo("1m 05s");
        assertThat(Formats.duration(3_725)).isEqualTo("1h 02m");
        assertThat(Formats.duration(3 * 86_400 + 4 * 3_600 + 59)).isEqualTo("3d 04h");
    }

    @Test
    void millisecondsReadAsTheyWouldBeSaid() {
        assertThat(Formats.millis(850)).isEqualTo("850ms");
        assertThat(Formats.millis(1_234)).isEqualTo("1.2s");
        assertThat(Formats.millis(125_000)).isEqualTo("2m 05s");
    }

    @Test
    void numbersKeepOneDecimalAndDropATrailingZero() {
        assertThat(Formats.number(NODES.numberNode(3.54))).isEqualTo("3.5");
        assertThat(Formats.number(NODES.numberNode(2.0))).isEqualTo("2");
        assertThat(Formats.number(NODES.numberNode(120))).isEqualTo("120");
        assertThat(Formats.number(NullNode.getInstance())).isEqualTo("-");
    }

    @Test
    void absentValuesAreADash() {
        assertThat(Formats.text(MissingNode.getInstance())).isEqualTo("-");
        assertThat(Formats.text(NullNode.getInstance())).isEqualTo("-");
        assertThat(Formats.list(NODES.arrayNode())).isEqualTo("-");
        assertThat(Formats.list(NODES.arrayNode().add("a").add("b"))).isEqualTo("a,b");
        assertThat(Formats.yesNo(NODES.booleanNode(false))).isEqualTo("no");
    }
}
