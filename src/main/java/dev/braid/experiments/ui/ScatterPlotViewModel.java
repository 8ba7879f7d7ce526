package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Any two columns of the compared runs against each other, coloured by a third: the columns to
 * choose from, the chosen ones, and the points and legend to draw. Follows the runs the
 * comparison shows (those left by the parallel-coordinates brushes); clicking a point selects its
 * run in the whole comparison.
 */
public final class ScatterPlotViewModel {
    /** The axes and points to draw; the axes are null until both columns are chosen. */
    public record Data(PlotAxis x, PlotAxis y, List<ScatterPoint> points, ColourLegend legend) {
        public Data {
            points = List.copyOf(points);
        }
    }

    private static final Data EMPTY = new Data(null, null, List.of(), ColourLegend.NONE);
    private final ObservableList<RunSummary> runs;
    private final Consumer<RunSummary> selector;
    private final ReadOnlyObjectProperty<RunSummary> selected;
    private final ObservableList<RunColumn> columns;
    private final ReadOnlyObjectWrapper<RunColumn> x = new ReadOnlyObjectWrapper<>(this, "x");
    private final ReadOnlyObjectWrapper<RunColumn> y = new ReadOnlyObjectWrapper<>(this, "y");
    private final ReadOnlyObjectWrapper<RunColumn> colour = new ReadOnlyObjectWrapper<>(this, "colour");
    private final ReadOnlyObjectWrapper<Data> data = new ReadOnlyObjectWrapper<>(this, "data", EMPTY);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /**
     * @param runs     the runs to plot; followed as it changes
     * @param selector selects a run in the comparison
     * @param selected the run selected in the comparison, drawn highlighted
     */
    ScatterPlotViewModel(List<RunColumn> columns, ObservableList<RunSummary> runs, Consumer<RunSummary> selector,
                         ReadOnlyObjectProperty<RunSummary> selected) {
        this.runs = runs;
        this.selector = selector;
        this.selected = selected;
        this.columns = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(columns));
        chooseDefaults(List.copyOf(runs));
        runs.addListener((ListChangeListener<RunSummary>) change -> rebuild());
        rebuild();
    }

    /** Every column the axes and the colour can be set to. */
    public ObservableList<RunColumn> columns() {
        return columns;
    }

    public ReadOnlyObjectProperty<RunColumn> xProperty() {
        return x.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunColumn> yProperty() {
        return y.getReadOnlyProperty();
    }

    /** The column points are coloured by; null for none. */
    public ReadOnlyObjectProperty<RunColumn> colourProperty() {
        return colour.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Data> dataProperty() {
        return data.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> selectedRunProperty() {
        return selected;
    }

    /** "38 runs · 2 without both values". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void chooseX(RunColumn column) {
        if (column != null && !column.equals(x.get())) {
            x.set(column);
            rebuild();
        }
    }

    public void chooseY(RunColumn column) {
        if (column != null && !column.equals(y.get())) {
            y.set(column);
            rebuild();
        }
    }

    /** Colours points by {@code column}; null for a single colour. */
    public void chooseColour(RunColumn column) {
        if (!java.util.Objects.equals(column, colour.get())) {
            colour.set(column);
            rebuild();
        }
    }

    /** Selects the run of a clicked point in the whole comparison. */
    public void select(ScatterPoint point) {
        if (point != null) {
            selector.accept(point.run());
        }
    }

    /** x: the first param the runs disagree on; y: the first metric; colour: the next differing param. */
    private void chooseDefaults(List<RunSummary> shown) {
        List<RunColumn> differing = PlotColumns.differing(columns, shown);
        List<RunColumn> params = differing.stream().filter(c -> c.kind() == RunColumn.Kind.PARAM).toList();
        RunColumn metric = columns.stream().filter(c -> c.kind() == RunColumn.Kind.METRIC).findFirst().orElse(null);
        x.set(!params.isEmpty() ? params.get(0) : columns.isEmpty() ? null : columns.get(0));
        y.set(metric != null && !metric.equals(x.get()) ? metric : columns.size() > 1 ? columns.get(1) : x.get());
        colour.set(params.size() > 1 ? params.get(1) : null);
    }

    private void rebuild() {
        if (x.get() == null || y.get() == null) {
            data.set(EMPTY);
            status.set("Choose the columns to plot.");
            return;
        }
        List<RunSummary> shown = List.copyOf(runs);
        PlotAxis xAxis = PlotAxis.of(x.get(), shown);
        PlotAxis yAxis = PlotAxis.of(y.get(), shown);
        PlotAxis cAxis = colour.get() == null ? null : PlotAxis.of(colour.get(), shown);
        List<ScatterPoint> points = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            double px = place(xAxis, i, shown.get(i));
            double py = place(yAxis, i, shown.get(i));
            if (Double.isNaN(px) || Double.isNaN(py)) {
                continue;
            }
            double shade = cAxis == null || cAxis.categorical() ? Double.NaN : cAxis.position(i);
            int category = cAxis == null ? -1 : cAxis.category(i);
            points.add(new ScatterPoint(shown.get(i), RunFormats.runLabel(shown.get(i)), px, py, shade, category,
                    xAxis.text(i), yAxis.text(i), cAxis == null ? null : cAxis.text(i)));
        }
        data.set(new Data(xAxis, yAxis, points, ColourLegend.of(cAxis)));
        int missing = shown.size() - points.size();
        status.set(String.format("%d %s", points.size(), points.size() == 1 ? "run" : "runs")
                + (missing == 0 ? "" : String.format(" · %d without both values", missing)));
    }

    /**
     * A run's place on an axis. On a categorical axis runs of one category would all fall on one
     * spot, so each is spread within the middle 60% of its band by a fixed amount taken from its id:
     * the same run always lands in the same place.
     */
    static double place(PlotAxis axis, int index, RunSummary run) {
        double position = axis.position(index);
        if (!axis.categorical() || Double.isNaN(position)) {
            return position;
        }
        double unit = (Math.floorMod(run.runId().hashCode(), 1000) / 999.0) - 0.5;
        return position + unit * 0.6 / axis.categories().size();
    }
}
