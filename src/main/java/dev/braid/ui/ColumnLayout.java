package dev.braid.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Remembers a table's column order and widths as a short text ({@code id=width;id=width}) that the
 * settings file can keep. Columns are matched by their id; unknown or missing ids are ignored, so
 * an old layout never breaks a table that gained or lost a column.
 */
public final class ColumnLayout {

    private ColumnLayout() {
    }

    /** Encodes ids and widths in display order. */
    public static String encode(Map<String, Double> widthsInOrder) {
        StringBuilder out = new StringBuilder();
        widthsInOrder.forEach((id, width) -> {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(id).append('=').append(Math.round(width));
        });
        return out.toString();
    }

    /** Decodes what {@link #encode} wrote; malformed entries are skipped. */
    public static Map<String, Double> decode(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split(";")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                double width = Double.parseDouble(entry.substring(eq + 1));
                if (width > 0) {
                    out.put(entry.substring(0, eq), width);
                }
            } catch (NumberFormatException ignored) {
                // a hand-edited settings file; keep what can be read
            }
        }
        return out;
    }

    /** Applies {@code saved} to {@code table}, then reports every later change to {@code onChange}. */
    public static <S> void bind(TableView<S> table, String saved, Consumer<String> onChange) {
        apply(table, decode(saved));
        InvalidationListener changed = observable -> onChange.accept(encode(current(table)));
        table.getColumns().addListener(changed);
        for (TableColumn<S, ?> column : table.getColumns()) {
            column.widthProperty().addListener(changed);
        }
    }

    private static <S> void apply(TableView<S> table, Map<String, Double> layout) {
        if (layout.isEmpty()) {
            return;
        }
        List<TableColumn<S, ?>> ordered = new ArrayList<>();
        for (String id : layout.keySet()) {
            table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().ifPresent(ordered::add);
        }
        for (TableColumn<S, ?> column : table.getColumns()) {
            if (!ordered.contains(column)) {
                ordered.add(column);
            }
        }
        for (TableColumn<S, ?> column : ordered) {
            Double width = layout.get(column.getId());
            if (width != null && column.isResizable()) {
                column.setPrefWidth(width);
            }
        }
        table.getColumns().setAll(ordered);
    }

    private static <S> Map<String, Double> current(TableView<S> table) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (TableColumn<S, ?> column : table.getColumns()) {
            if (column.getId() != null) {
                out.put(column.getId(), column.getWidth());
            }
        }
        return out;
    }
}
