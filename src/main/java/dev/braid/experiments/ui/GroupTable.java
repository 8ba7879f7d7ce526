package dev.braid.experiments.ui;

import dev.braid.experiments.GroupStats;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The "Group by" box and the groups table: a row per value of the chosen param or tag with its
 * run count and min, mean and max of the summarised metrics. The table is shown only while grouping.
 */
final class GroupTable {
    private final TableView<RunGroup> table;
    private final HBox chooser;

    GroupTable(RunGrouping grouping) {
        ComboBox<RunColumn> by = new ComboBox<>();
        by.setId("groupBy");
        by.setPromptText("Group by…");
        Runnable fill = () -> {
            RunColumn current = grouping.byProperty().get();
            by.getItems().setAll(grouping.choices());
            by.getItems().add(0, null);
            by.setValue(current);
        };
        grouping.choices().addListener((ListChangeListener<RunColumn>) change -> fill.run());
        fill.run();
        by.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunColumn column) {
                return column == null ? "No grouping" : column.id();
            }

            @Override
            public RunColumn fromString(String text) {
                return null;
            }
        });
        by.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(RunColumn column, boolean empty) {
                super.updateItem(column, empty);
                setText(empty || column == null ? "Group by…" : "Group by " + column.id());
            }
        });
        by.valueProperty().addListener((obs, old, now) -> grouping.groupBy(now));
        // Thousands of keys may be offered: the box keeps its width instead of growing to the longest.
        by.setPrefWidth(190);
        by.setMinWidth(190);
        by.setVisibleRowCount(16);
        chooser = new HBox(6, by);
        chooser.setAlignment(Pos.CENTER_LEFT);

        table = new TableView<>(grouping.groups());
        table.setId("groupTable");
        table.getStyleClass().add("group-table");
        table.setPlaceholder(new Label("No runs to group."));
        table.setPrefHeight(230);
        table.setMinHeight(90);
        Runnable columns = () -> table.getColumns().setAll(columns(grouping));
        grouping.metrics().addListener((ListChangeListener<String>) change -> columns.run());
        grouping.byProperty().addListener((obs, old, now) -> columns.run());
        columns.run();
        table.visibleProperty().bind(grouping.byProperty().isNotNull());
        table.managedProperty().bind(table.visibleProperty());
    }

    /** Calls {@code action} with the group whose row is double-clicked or has Enter pressed. */
    void onOpen(java.util.function.Consumer<RunGroup> action) {
        table.setOnMouseClicked(e -> {
            RunGroup group = table.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && group != null) {
                action.accept(group);
            }
        });
        table.setOnKeyPressed(e -> {
            RunGroup group = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && group != null) {
                action.accept(group);
            }
        });
    }

    /** The "Group by" box, for the toolbar. */
    Node chooser() {
        return chooser;
    }

    Node table() {
        return table;
    }

    private static List<TableColumn<RunGroup, String>> columns(RunGrouping grouping) {
        RunColumn by = grouping.byProperty().get();
        TableColumn<RunGroup, String> value = text(by == null ? "Value" : by.id(), RunGroup::label);
        value.setPrefWidth(250);
        TableColumn<RunGroup, String> count = text("Runs", g -> Long.toString(g.count()));
        count.setPrefWidth(60);
        List<TableColumn<RunGroup, String>> all = new java.util.ArrayList<>(List.of(value, count));
        for (String metric : grouping.metrics()) {
            TableColumn<RunGroup, String> parent = new TableColumn<>(metric);
            parent.getColumns().add(stat("min", metric, GroupStats::min));
            parent.getColumns().add(stat("mean", metric, GroupStats::mean));
            parent.getColumns().add(stat("max", metric, GroupStats::max));
            all.add(parent);
        }
        return all;
    }

    private static TableColumn<RunGroup, String> stat(String name, String metric,
                                                     java.util.function.ToDoubleFunction<GroupStats> value) {
        TableColumn<RunGroup, String> column = text(name, g -> {
            GroupStats stats = g.metrics().get(metric);
            return stats == null ? "" : RunFormats.rounded(value.applyAsDouble(stats));
        });
        column.setId("group-" + metric + "-" + name);
        column.setPrefWidth(80);
        column.getStyleClass().add("number-column");
        return column;
    }

    private static TableColumn<RunGroup, String> text(String title, java.util.function.Function<RunGroup, String> value) {
        TableColumn<RunGroup, String> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())).getReadOnlyProperty());
        return column;
    }
}
