package dev.braid.experiments.ui;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Runs side by side: a row per param, metric and tag, the best metric values marked, and an overlaid chart. */
public final class CompareView {
    private final SplitPane root = new SplitPane();

    public CompareView(CompareViewModel model) {
        CheckBox differences = new CheckBox("Show differences only");
        differences.setId("compareDifferencesOnly");
        differences.selectedProperty().addListener((obs, old, now) -> model.showDifferencesOnly(now));
        Label legend = new Label("Best metric values are highlighted (lower is better unless the name says "
                + "acc, auc, f1, precision, recall or r2).");
        legend.getStyleClass().add("text-muted");
        differences.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        legend.setMinWidth(0);
        HBox bar = new HBox(12, differences, legend);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<CompareRow> table = new TableView<>(model.rows());
        table.setId("compareTable");
        TableColumn<CompareRow, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()).getReadOnlyProperty());
        key.setPrefWidth(220);
        table.getColumns().add(key);
        for (int i = 0; i < model.runNames().size(); i++) {
            table.getColumns().add(runColumn(model.runNames().get(i), i));
        }
        table.setPlaceholder(new Label("The runs agree on every param, metric and tag."));
        VBox top = new VBox(6, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        top.setPadding(new Insets(8));
        top.setMinHeight(0);
        root.getItems().addAll(top, new MetricPlotView(model.plot()).node());
        root.setOrientation(Orientation.VERTICAL);
        root.setDividerPositions(0.6);
        root.setId("compareView");
        root.getStyleClass().add("compare-view");
    }

    public Node node() {
        return root;
    }

    private static TableColumn<CompareRow, String> runColumn(String name, int index) {
        TableColumn<CompareRow, String> column = new TableColumn<>(name);
        column.setPrefWidth(140);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().values().get(index)).getReadOnlyProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                CompareRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("best-value");
                if (row != null && row.best() == index) {
                    getStyleClass().add("best-value");
                }
            }
        });
        return column;
    }
}
