package dev.braid.experiments.ui;

import dev.braid.ui.chart.ChartSeries;
import dev.braid.ui.chart.MetricChart;
import dev.braid.ui.chart.XAxisMode;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * Chooses a metric, the x axis, log scale and smoothing, and draws the runs' histories of that
 * metric with the shared canvas chart (zoom and pan are the chart's own).
 */
public final class MetricPlotView {
    private final BorderPane root = new BorderPane();

    public MetricPlotView(MetricPlotViewModel model) {
        ComboBox<String> metric = new ComboBox<>(model.metricKeys());
        metric.setId("plotMetric");
        metric.setPromptText("Metric");
        metric.setPrefWidth(170);
        metric.valueProperty().addListener((obs, old, now) -> model.chooseMetric(now));
        model.metricProperty().addListener((obs, old, now) -> metric.setValue(now));
        metric.setValue(model.metricProperty().get());
        ComboBox<XAxis> axis = new ComboBox<>();
        axis.getItems().setAll(XAxis.values());
        axis.setId("plotAxis");
        axis.setPrefWidth(130);
        axis.setValue(model.xAxisProperty().get());
        axis.valueProperty().addListener((obs, old, now) -> model.setXAxis(now));
        CheckBox log = new CheckBox("Log scale");
        log.setId("plotLogScale");
        log.selectedProperty().addListener((obs, old, now) -> model.setLogScale(now));
        Slider smoothing = new Slider(0, 0.99, model.smoothingProperty().get());
        smoothing.setId("plotSmoothing");
        smoothing.setPrefWidth(120);
        smoothing.valueProperty().addListener((obs, old, now) -> model.setSmoothing(now.doubleValue()));
        Label status = new Label();
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        HBox controls = new HBox(8, metric, new Label("x:"), axis, log, new Label("Smoothing"), smoothing, status);
        // The controls keep their size; only the status line gives way (ellipsis) on narrow panes.
        controls.getChildren().forEach(n -> {
            if (n instanceof javafx.scene.layout.Region region) {
                region.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        });
        status.setMinWidth(0);
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("plot-controls");

        MetricChart chart = new MetricChart();
        chart.setId("metricChart");
        Runnable draw = () -> chart.setSeries(model.series().stream()
                .map(s -> new ChartSeries(s.name(), s.x(), s.y())).toList());
        model.series().addListener((ListChangeListener<PlotSeries>) change -> draw.run());
        draw.run();
        Runnable axisMode = () -> {
            XAxisMode mode = XAxisMode.valueOf(model.xAxisProperty().get().name());
            chart.xModeProperty().set(mode);
            chart.xLabelProperty().set(model.xAxisProperty().get().label());
        };
        model.xAxisProperty().addListener(obs -> axisMode.run());
        axisMode.run();
        chart.logScaleProperty().bind(model.logScaleProperty());
        chart.smoothingProperty().bind(model.smoothingProperty());
        Button reset = new Button("Reset zoom");
        reset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        reset.setOnAction(e -> chart.resetZoom());
        controls.getChildren().add(controls.getChildren().size() - 1, reset);
        StackPane chartArea = new StackPane(chart);
        chartArea.setId("plotChartArea");
        chartArea.setMinHeight(160);
        root.setTop(controls);
        root.setCenter(chartArea);
        root.getStyleClass().add("metric-plot");
    }

    public Node node() {
        return root;
    }
}
