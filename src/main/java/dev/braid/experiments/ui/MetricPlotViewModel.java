package dev.braid.experiments.ui;

import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.MetricPoint;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A metric chart over one or more runs: which metric, what the x axis measures, log scale and
 * smoothing. Histories come from {@link ExperimentService#metricHistories} through the task runner
 * (fetched several at a time, cached there after the first fetch) and are kept here so changing the axis needs no reload.
 */
public final class MetricPlotViewModel {
    private final ExperimentService service;
    private final TaskRunner runner;
    private final List<RunSummary> runs;
    private final ObservableList<String> metricKeys = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<String> metricKeysView = FXCollections.unmodifiableObservableList(metricKeys);
    private final ObservableList<PlotSeries> series = FXCollections.observableArrayList();
    private final ObservableList<PlotSeries> seriesView = FXCollections.unmodifiableObservableList(series);
    private final ReadOnlyObjectWrapper<String> metric = new ReadOnlyObjectWrapper<>(this, "metric");
    private final ReadOnlyObjectWrapper<XAxis> xAxis = new ReadOnlyObjectWrapper<>(this, "xAxis", XAxis.STEP);
    private final ReadOnlyBooleanWrapper logScale = new ReadOnlyBooleanWrapper(this, "logScale");
    private final ReadOnlyDoubleWrapper smoothing = new ReadOnlyDoubleWrapper(this, "smoothing");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Map<Long, List<MetricPoint>> histories = new LinkedHashMap<>();
    private java.util.Set<Long> shown;
    private long generation;

    MetricPlotViewModel(ExperimentService service, TaskRunner runner, List<RunSummary> runs) {
        this.service = service;
        this.runner = runner;
        this.runs = List.copyOf(runs);
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(r -> keys.addAll(r.metrics().keySet()));
        metricKeys.setAll(keys);
    }

    public ObservableList<String> metricKeys() {
        return metricKeysView;
    }

    /** The lines to draw, one per run that has the metric. */
    public ObservableList<PlotSeries> series() {
        return seriesView;
    }

    public ReadOnlyObjectProperty<String> metricProperty() {
        return metric.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<XAxis> xAxisProperty() {
        return xAxis.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty logScaleProperty() {
        return logScale.getReadOnlyProperty();
    }

    /** Exponential smoothing weight, 0 (none) to just under 1. */
    public ReadOnlyDoubleProperty smoothingProperty() {
        return smoothing.getReadOnlyProperty();
    }

    /** "loading…", "3 runs · 1,200 points · min 0.12 · max 0.93", or why a history could not be read. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Charts {@code key}: reads each run's history of it in the background. */
    public void chooseMetric(String key) {
        if (key == null || key.equals(metric.get())) {
            return;
        }
        metric.set(key);
        histories.clear();
        series.clear();
        long asked = ++generation;
        List<RunSummary> having = runs.stream().filter(r -> r.metrics().containsKey(key)).toList();
        status.set("Loading " + key + "…");
        List<Long> pks = having.stream().map(RunSummary::runPk).toList();
        // One batch: histories not cached yet are fetched several at a time, not one run after another.
        runner.run(() -> service.metricHistories(pks, key), read -> {
            if (asked == generation) {
                histories.putAll(read);
                rebuild();
            }
        }, failure -> {
            if (asked == generation) {
                status.set("Could not read the history of " + key + ": " + dev.braid.sync.PlainErrors.describe(failure));
            }
        });
    }

    public void setXAxis(XAxis axis) {
        if (axis != null && axis != xAxis.get()) {
            xAxis.set(axis);
            rebuild();
        }
    }

    public void setLogScale(boolean on) {
        logScale.set(on);
    }

    /**
     * Draws only these of the runs (a comparison narrowed by brushing); histories already read are
     * kept, so narrowing and widening again needs no reload.
     */
    public void showOnly(List<RunSummary> subset) {
        shown = subset.stream().map(RunSummary::runPk).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (!histories.isEmpty()) {
            rebuild();
        }
    }

    public void setSmoothing(double weight) {
        smoothing.set(Math.max(0, Math.min(0.99, weight)));
    }

    private void rebuild() {
        List<PlotSeries> built = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int points = 0;
        for (RunSummary run : runs) {
            List<MetricPoint> history = histories.get(run.runPk());
            if (history == null || (shown != null && !shown.contains(run.runPk()))) {
                continue;
            }
            long first = history.isEmpty() ? 0 : history.get(0).timestamp();
            double[] x = new double[history.size()];
            double[] y = new double[history.size()];
            int n = 0;
            for (MetricPoint p : history) {
                if (p.value() == null || p.value().isNaN()) {
                    continue;
                }
                x[n] = xAxis.get().x(p, first);
                y[n] = p.value();
                min = Math.min(min, y[n]);
                max = Math.max(max, y[n]);
                n++;
            }
            points += n;
            built.add(sortedByX(RunFormats.runLabel(run), x, y, n));
        }
        series.setAll(built);
        status.set(built.isEmpty() ? "No run has " + metric.get()
                : String.format("%s · %d %s · %,d points · min %s · max %s", metric.get(), built.size(),
                built.size() == 1 ? "run" : "runs", points, points == 0 ? "–" : RunFormats.rounded(min),
                points == 0 ? "–" : RunFormats.rounded(max)));
    }

    /** Charts need ascending x; wall times may arrive out of order, so sort the pairs by x. */
    private static PlotSeries sortedByX(String name, double[] x, double[] y, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
        }
        return new PlotSeries(name, xs, ys);
    }
}
