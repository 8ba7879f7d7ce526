package dev.braid.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table with left-aligned columns two spaces apart; the last column is never padded. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headings) {
        rows.add(headings);
    }

    TextTable row(Object... cells) {
        // Cells are data: a name with a line break or an escape sequence must not break the table or the terminal.
        String[] texts = Arrays.stream(cells).map(cell -> cell == null ? "" : TerminalText.value(String.valueOf(cell)))
                .toArray(String[]::new);
        if (texts.length != rows.get(0).length) {
            throw new IllegalArgumentException("expected " + rows.get(0).length + " cells, got " + texts.length);
        }
        rows.add(texts);
        return this;
    }

    void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** {@code text} cut or padded to exactly {@code width} characters. */
    static String fit(String text, int width) {
        String value = text == null ? "" : TerminalText.value(text);
        return value.length() > width ? value.substring(0, width - 1) + "…" : pad(value, width);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
