package dev.braid.pipelines.dvc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Params or metrics of two commits side by side, like {@code dvc params diff A B} and
 * {@code dvc metrics diff A B}: every key of every file on either side, in file then key order.
 *
 * @param what {@code params} or {@code metrics}
 * @param oldRev and {@code newRev} the revisions as the user named them (the column headings)
 * @param notes files that could not be read on either side
 */
public record DvcComparison(String what, String oldRev, String newRev, String oldCommit, String newCommit,
                            List<DvcValueChange> rows, List<String> notes) {
    /** DVC rounds metrics to this many decimals in its tables. */
    public static final int PRECISION = 5;

    public DvcComparison {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** Only the keys whose values differ, as DVC shows without {@code --all}. */
    public List<DvcValueChange> changed() {
        return rows.stream().filter(DvcValueChange::changed).toList();
    }

    /** DVC's {@code --json} document: file → key → {@code {old, new, diff}}. */
    public Map<String, Map<String, Object>> json(boolean all) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (DvcValueChange row : all ? rows : changed()) {
            out.computeIfAbsent(row.path(), k -> new LinkedHashMap<>()).put(row.key(), row.json());
        }
        return out;
    }

    /**
     * DVC's table: {@code Path  Param|Metric  OLD  NEW [Change]}, columns as wide as their widest
     * cell or heading plus two, two spaces apart, lines without trailing spaces; empty when no
     * row is shown.
     */
    public String table(boolean all) {
        List<DvcValueChange> shown = all ? rows : changed();
        if (shown.isEmpty()) {
            return "";
        }
        boolean metrics = what.equals("metrics");
        List<String> headers = new ArrayList<>(List.of("Path", metrics ? "Metric" : "Param", oldRev, newRev));
        if (metrics) {
            headers.add("Change");
        }
        List<List<String>> cells = new ArrayList<>();
        for (DvcValueChange row : shown) {
            List<String> line = new ArrayList<>(List.of(row.path(), row.key(), cell(row.inOld(), row.oldValue(), metrics),
                    cell(row.inNew(), row.newValue(), metrics)));
            if (metrics) {
                Double diff = row.diff();
                line.add(diff == null ? "-" : integral(row) ? String.valueOf(Math.round(diff)) : PythonText.rounded(diff, PRECISION));
            }
            cells.add(line);
        }
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length() + 2;
            for (List<String> line : cells) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, headers, widths);
        cells.forEach(line -> appendLine(out, line, widths));
        return out.toString();
    }

    private static boolean integral(DvcValueChange row) {
        return row.oldValue() instanceof Long && row.newValue() instanceof Long;
    }

    private static String cell(boolean present, Object value, boolean metrics) {
        if (!present) {
            return "-";
        }
        return metrics ? PythonText.rounded(value, PRECISION) : PythonText.str(value);
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            line.append(c == 0 ? "" : "  ").append(cells.get(c));
            line.append(" ".repeat(Math.max(0, widths[c] - cells.get(c).length())));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
