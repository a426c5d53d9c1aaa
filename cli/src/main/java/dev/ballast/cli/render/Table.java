package dev.ballast.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table: a header row, columns two spaces apart, numbers right-aligned, no trailing blanks. */
public final class Table {

    /** A column's heading and alignment. */
    public record Column(String heading, boolean alignRight) {

        public static Column left(String heading) {
            return new Column(heading, false);
        }

        public static Column right(String heading) {
            return new Column(heading, true);
        }
    }

    private static final String GAP = "  ";

    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(Column... columns) {
        this.columns = List.of(columns);
    }

    /** Adds a row; it must have one cell per column. */
    public Table row(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + columns.size()
                    + " columns");
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, each line ending with a newline. */
    public String render() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).heading().length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, columns.stream().map(Column::heading).toList(), widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            if (i > 0) {
                line.append(GAP);
            }
            line.append(columns.get(i).alignRight() ? padding + cell : cell + padding);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
