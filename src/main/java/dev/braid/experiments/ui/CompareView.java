package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Runs side by side, in tabs: the table (a row per param, metric and tag, the best metric values
 * marked), metric histories overlaid, a scatter plot, parallel coordinates and the code diff.
 * While brushes narrow the comparison a bar above the tabs says so and offers to show every run.
 */
public final class CompareView {
    private final VBox root = new VBox();

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
        Runnable columns = () -> {
            TableColumn<CompareRow, String> key = new TableColumn<>("Key");
            key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()).getReadOnlyProperty());
            key.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(String value, boolean empty) {
                    super.updateItem(value, empty);
                    setText(empty ? null : value);
                    setMnemonicParsing(false);
                    setTooltip(empty || value == null ? null : new javafx.scene.control.Tooltip(value));
                }
            });
            key.setPrefWidth(250);
            List<TableColumn<CompareRow, ?>> all = new ArrayList<>();
            all.add(key);
            List<String> names = model.runNames();
            for (int i = 0; i < names.size(); i++) {
                all.add(runColumn(names.get(i), i));
            }
            table.getColumns().setAll(all);
        };
        Runnable markSelected = () -> {
            int index = model.shownRuns().indexOf(model.selectedRunProperty().get());
            for (int i = 1; i < table.getColumns().size(); i++) {
                table.getColumns().get(i).getStyleClass().remove("selected-run");
            }
            if (index >= 0 && index + 1 < table.getColumns().size()) {
                TableColumn<CompareRow, ?> column = table.getColumns().get(index + 1);
                column.getStyleClass().add("selected-run");
                table.scrollToColumn(column);
            }
        };
        columns.run();
        model.shownRuns().addListener((ListChangeListener<RunSummary>) change -> {
            columns.run();
            markSelected.run();
        });
        model.selectedRunProperty().addListener((obs, old, now) -> markSelected.run());
        table.setPlaceholder(new Label("The runs agree on every param, metric and tag."));
        VBox tablePane = new VBox(6, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        tablePane.setPadding(new Insets(8));
        tablePane.setMinHeight(0);

        TabPane tabs = new TabPane(
                tab("Table", "compareTabTable", tablePane),
                tab("Metrics", "compareTabMetrics", new MetricPlotView(model.plot()).node()),
                tab("Scatter", "compareTabScatter", new ScatterPlotView(model.scatter()).node()),
                tab("Parallel coordinates", "compareTabParallel",
                        new ParallelCoordinatesView(model.parallel(), model.selectedRunProperty()).node()),
                tab("Code diff", "compareTabCodeDiff", new CodeDiffView(model.codeDiff()).node()));
        tabs.setId("compareTabs");
        // The diff reads the repository: only once someone opens the tab.
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && "compareTabCodeDiff".equals(now.getId())) {
                model.codeDiff().load();
            }
        });
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.getChildren().addAll(filterBar(model), tabs);
        root.setId("compareView");
        root.getStyleClass().add("compare-view");
        root.setMinSize(0, 0);
    }

    public Node node() {
        return root;
    }

    private static Node filterBar(CompareViewModel model) {
        Label note = new Label();
        note.setId("compareFilterNote");
        note.textProperty().bind(model.filterNoteProperty());
        Button all = new Button("Show all runs");
        all.setId("compareShowAll");
        all.setOnAction(e -> model.clearBrushes());
        HBox bar = new HBox(10, note, all);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("compare-filter-bar");
        bar.visibleProperty().bind(model.filterNoteProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private static Tab tab(String title, String id, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tab.setClosable(false);
        return tab;
    }

    private static TableColumn<CompareRow, String> runColumn(String name, int index) {
        TableColumn<CompareRow, String> column = new TableColumn<>(name);
        column.setId("compare-run-" + index);
        // The header names the run in full: wide enough for its name, which is how people tell the runs apart.
        column.setPrefWidth(Math.max(140, Math.min(420, 7.6 * name.length() + 30)));
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().values().get(index)).getReadOnlyProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                setMnemonicParsing(false);
                setTooltip(empty || value == null || value.isEmpty() ? null : new javafx.scene.control.Tooltip(value));
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
