package dev.braid.ui;

import javafx.scene.control.TableColumn;

/**
 * Least widths for table columns, so that a table squeezed into a small window (the constrained
 * resize policies shrink every column towards its minimum) still shows its headings and its
 * fixed-length values whole. The widths are estimates in the theme's font: about nine pixels a
 * character for headings (bold) and eight for values, plus the cell's padding and sort arrow.
 */
public final class ColumnWidths {
    private static final double HEADING_CHARACTER = 9;
    private static final double VALUE_CHARACTER = 8;
    private static final double PADDING = 30;

    private ColumnWidths() {
    }

    /** Never narrower than its heading: a heading cut to "Last succ…" says nothing. */
    public static <S, T> TableColumn<S, T> keepHeadingWhole(TableColumn<S, T> column) {
        return atLeast(column, HEADING_CHARACTER * column.getText().length() + PADDING);
    }

    /** Never narrower than {@code sample}, a value of the length every value in the column has (a time). */
    public static <S, T> TableColumn<S, T> keepValuesWhole(TableColumn<S, T> column, String sample) {
        return atLeast(column, VALUE_CHARACTER * sample.length() + PADDING);
    }

    private static <S, T> TableColumn<S, T> atLeast(TableColumn<S, T> column, double width) {
        column.setMinWidth(Math.max(column.getMinWidth(), width));
        column.setPrefWidth(Math.max(column.getPrefWidth(), column.getMinWidth()));
        return column;
    }
}
