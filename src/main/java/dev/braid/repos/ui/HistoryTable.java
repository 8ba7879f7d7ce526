package dev.braid.repos.ui;

import dev.braid.ui.ColumnLayout;
import dev.braid.ui.ColumnWidths;
import dev.braid.ui.Formats;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The history table: graph, subject with ref labels, author, date and short hash. Rows have a
 * fixed height so that a hundred thousand of them scroll smoothly.
 */
final class HistoryTable {
    static final String TABLE_ID = "history";
    static final double ROW_HEIGHT = 26;

    private HistoryTable() {
    }

    static TableView<HistoryItem> create(RepositoriesViewModel model, String savedLayout, Consumer<String> saveLayout) {
        TableView<HistoryItem> table = new TableView<>(model.history());
        table.setId("historyTable");
        table.getStyleClass().add("history-table");
        table.setFixedCellSize(ROW_HEIGHT);
        // Columns always fill the width: the subject takes what the narrow columns leave.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.historyLoadingProperty())
                .then("Loading history…").otherwise("No commits to show."));
        table.setPlaceholder(placeholder);

        TableColumn<HistoryItem, HistoryItem> graph = new TableColumn<>("Graph");
        graph.setId("graph");
        graph.setPrefWidth(90);
        graph.setMaxWidth(200);
        graph.setSortable(false);
        graph.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        graph.setCellFactory(column -> new GraphCell(model));

        TableColumn<HistoryItem, HistoryItem> subject = new TableColumn<>("Subject");
        subject.setId("subject");
        subject.setPrefWidth(360);
        subject.setSortable(false);
        subject.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        subject.setCellFactory(column -> new SubjectCell());

        table.getColumns().add(graph);
        table.getColumns().add(subject);
        table.getColumns().add(text("author", "Author", 140, item -> item.commit().authorName()));
        // Dates and short hashes have one length: the subject gives up width before they are cut.
        table.getColumns().add(ColumnWidths.keepValuesWhole(text("date", "Date", 140,
                item -> Formats.dateTime(item.commit().authorTime())), "2026-12-04 17:14"));
        table.getColumns().add(ColumnWidths.keepValuesWhole(text("hash", "Hash", 75, item -> item.commit().shortHash()), "0123456"));
        ColumnLayout.bind(table, savedLayout, saveLayout);
        return table;
    }

    private static TableColumn<HistoryItem, String> text(String id, String title, double width,
                                                         Function<HistoryItem, String> value) {
        TableColumn<HistoryItem, String> column = new TableColumn<>(title);
        column.setId(id);
        column.setPrefWidth(width);
        column.setMaxWidth(width * 1.6);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
