package dev.braid.experiments.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Two columns of the compared runs against each other, coloured by a third: three choosers above
 * the canvas plot. Hovering a dot names its run; clicking it selects the run in the comparison.
 */
public final class ScatterPlotView {
    static final String NO_COLOUR = "(none)";
    private final BorderPane root = new BorderPane();

    public ScatterPlotView(ScatterPlotViewModel model) {
        Map<String, RunColumn> byLabel = new LinkedHashMap<>();
        model.columns().forEach(c -> byLabel.put(PlotColumns.label(c), c));
        ComboBox<String> x = chooser("scatterX", byLabel, model.xProperty().get(), c -> model.chooseX(byLabel.get(c)));
        ComboBox<String> y = chooser("scatterY", byLabel, model.yProperty().get(), c -> model.chooseY(byLabel.get(c)));
        ComboBox<String> colour = chooser("scatterColour", byLabel, model.colourProperty().get(),
                c -> model.chooseColour(byLabel.get(c)));
        colour.getItems().add(0, NO_COLOUR);
        if (model.colourProperty().get() == null) {
            colour.setValue(NO_COLOUR);
        }
        Label status = new Label();
        status.setId("scatterStatus");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        HBox controls = new HBox(8, new Label("x:"), x, new Label("y:"), y, new Label("Colour:"), colour, status);
        controls.getChildren().forEach(n -> {
            if (n instanceof Region region && n != status) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        HBox.setHgrow(status, Priority.ALWAYS);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("plot-controls");

        ScatterChart chart = new ScatterChart();
        chart.setId("scatterChart");
        chart.setData(model.dataProperty().get());
        model.dataProperty().addListener((obs, old, now) -> chart.setData(now));
        chart.setSelected(model.selectedRunProperty().get());
        model.selectedRunProperty().addListener((obs, old, now) -> chart.setSelected(now));
        chart.setOnPick(model::select);
        root.setTop(controls);
        root.setCenter(chart);
        root.getStyleClass().add("scatter-plot");
        root.setId("scatterPlot");
    }

    public Node node() {
        return root;
    }

    private static ComboBox<String> chooser(String id, Map<String, RunColumn> byLabel, RunColumn current,
                                            Consumer<String> chosen) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(byLabel.keySet());
        box.setId(id);
        box.setPrefWidth(180);
        box.setVisibleRowCount(16);
        if (current != null) {
            box.setValue(PlotColumns.label(current));
        }
        box.valueProperty().addListener((obs, old, now) -> chosen.accept(NO_COLOUR.equals(now) ? null : now));
        return box;
    }
}
