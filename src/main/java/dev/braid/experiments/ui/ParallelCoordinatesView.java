package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Parallel coordinates over chosen params and metrics: an "Axes" menu to add or remove columns, a
 * button clearing every brush, and the canvas plot, where dragging along an axis keeps only the
 * runs in that range.
 */
public final class ParallelCoordinatesView {
    private final BorderPane root = new BorderPane();

    public ParallelCoordinatesView(ParallelCoordinatesViewModel model, ReadOnlyObjectProperty<RunSummary> selected) {
        MenuButton axes = new MenuButton("Axes");
        axes.setId("parallelAxes");
        for (RunColumn column : model.columns()) {
            CheckBox box = new CheckBox(PlotColumns.label(column));
            box.setMnemonicParsing(false);
            box.setSelected(model.axes().contains(column));
            box.selectedProperty().addListener((obs, old, now) -> model.setAxisShown(column, now));
            CustomMenuItem item = new CustomMenuItem(box);
            // Several axes are usually picked in a row: the menu stays open after each.
            item.setHideOnClick(false);
            axes.getItems().add(item);
        }
        Button clear = new Button("Clear brushes");
        clear.setId("parallelClear");
        clear.setOnAction(e -> model.clearBrushes());
        Label status = new Label();
        status.setId("parallelStatus");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        axes.setMinWidth(Region.USE_PREF_SIZE);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, axes, clear, status);
        HBox.setHgrow(status, Priority.ALWAYS);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("plot-controls");

        ParallelChart chart = new ParallelChart(model);
        chart.setId("parallelChart");
        chart.setSelected(selected.get());
        selected.addListener((obs, old, now) -> chart.setSelected(now));
        root.setTop(controls);
        root.setCenter(chart);
        root.getStyleClass().add("parallel-plot");
        root.setId("parallelPlot");
    }

    public Node node() {
        return root;
    }
}
