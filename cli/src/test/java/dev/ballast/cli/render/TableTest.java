package dev.ballast.cli.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellNumbersRightAlignedNoTrailingBlanks() {
        Table table = new Table(Table.Column.left("NAME"), Table.Column.right("N"), Table.Column.left("NOTE"))
                .row("a", "1234", "")
                .row("longer-name", "5", "x");

        assertThat(table.render()).isEqualTo("""
                NAME            N  NOTE
                a            1234
                longer-name     5  x
                """);
    }

    @Test
    void anEmptyTableIsItsHeader() {
        Table table = new Table(Table.Column.left("A"), Table.Column.left("B"));

        assertThat(table.isEmpty()).isTrue();
        assertThat(table.render()).isEqualTo("A  B\n");
    }

    @Test
    void aRowMustFitTheColumns() {
        Table table = new Table(Table.Column.left("A"), Table.Column.left("B"));

        assertThatThrownBy(() -> table.row("only one")).hasMessage("a row of 1 cells in a table of 2 columns");
    }
}
