package dev.braid.experiments.ui;

import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Two or more runs side by side: params, metrics and tags as rows, one column per run, optionally
 * only the rows where the runs differ, with each metric's best value marked; the runs' histories of
 * one metric overlaid in a chart; a scatter plot and parallel coordinates; and the code diff
 * between two runs' commits. Brushing the parallel coordinates narrows the table, the chart and
 * the scatter plot to the runs inside the brushes; clicking a run in a plot selects it everywhere.
 */
public final class CompareViewModel {
    private final List<RunSummary> runs;
    private final ObservableList<RunSummary> shown = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> shownView = FXCollections.unmodifiableObservableList(shown);
    private final ReadOnlyObjectWrapper<RunSummary> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper filterNote = new ReadOnlyStringWrapper(this, "filterNote", "");
    private List<CompareRow> allRows;
    private final ObservableList<CompareRow> rows = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<CompareRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper differencesOnly = new ReadOnlyBooleanWrapper(this, "differencesOnly");
    private final MetricPlotViewModel plot;
    private final ParallelCoordinatesViewModel parallel;
    private final ScatterPlotViewModel scatter;
    private final CodeDiffViewModel codeDiff;

    CompareViewModel(ExperimentService service, TaskRunner runner, List<RunSummary> runs, CommitLinks commits) {
        this.runs = List.copyOf(runs);
        shown.setAll(this.runs);
        this.allRows = build(this.runs);
        this.plot = new MetricPlotViewModel(service, runner, this.runs);
        this.parallel = new ParallelCoordinatesViewModel(this.runs);
        this.scatter = new ScatterPlotViewModel(PlotColumns.of(this.runs), shownView, this::select,
                selected.getReadOnlyProperty());
        this.codeDiff = new CodeDiffViewModel(this.runs, commits, runner);
        rows.setAll(allRows);
        if (!plot.metricKeys().isEmpty()) {
            plot.chooseMetric(plot.metricKeys().get(0));
        }
        parallel.brushedRuns().addListener((javafx.collections.ListChangeListener<RunSummary>) change -> narrow());
    }

    public List<RunSummary> runs() {
        return runs;
    }

    /** Column headings: the name of each run shown. */
    public List<String> runNames() {
        return shown.stream().map(RunFormats::runLabel).toList();
    }

    /** The runs the table, chart and scatter plot show: all of them, or those inside the brushes. */
    public ObservableList<RunSummary> shownRuns() {
        return shownView;
    }

    /** The run last clicked in a plot; null for none. */
    public ReadOnlyObjectProperty<RunSummary> selectedRunProperty() {
        return selected.getReadOnlyProperty();
    }

    /** "Showing 12 of 40 runs (brushed in Parallel coordinates)"; empty while every run is shown. */
    public ReadOnlyStringProperty filterNoteProperty() {
        return filterNote.getReadOnlyProperty();
    }

    public ParallelCoordinatesViewModel parallel() {
        return parallel;
    }

    public ScatterPlotViewModel scatter() {
        return scatter;
    }

    public CodeDiffViewModel codeDiff() {
        return codeDiff;
    }

    /** Selects {@code run} in every part of the comparison; null clears the selection. */
    public void select(RunSummary run) {
        selected.set(run == null || runs.contains(run) ? run : null);
    }

    /** Shows every compared run again. */
    public void clearBrushes() {
        parallel.clearBrushes();
    }

    public ObservableList<CompareRow> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty differencesOnlyProperty() {
        return differencesOnly.getReadOnlyProperty();
    }

    public MetricPlotViewModel plot() {
        return plot;
    }

    /** Shows only rows whose values are not all equal, or every row again. */
    public void showDifferencesOnly(boolean only) {
        differencesOnly.set(only);
        rows.setAll(only ? allRows.stream().filter(CompareRow::differs).toList() : allRows);
    }

    /** Follows the brushes: the table's columns and rows, the chart and the scatter plot. */
    private void narrow() {
        List<RunSummary> kept = List.copyOf(parallel.brushedRuns());
        shown.setAll(kept);
        allRows = build(kept);
        showDifferencesOnly(differencesOnly.get());
        plot.showOnly(kept);
        filterNote.set(kept.size() == runs.size() ? "" : String.format("Showing %d of %d runs (brushed in Parallel coordinates)",
                kept.size(), runs.size()));
    }

    private static List<CompareRow> build(List<RunSummary> runs) {
        List<CompareRow> out = new ArrayList<>();
        addSection(out, runs, CompareRow.Section.PARAM, RunSummary::params);
        TreeSet<String> metricKeys = new TreeSet<>();
        runs.forEach(r -> metricKeys.addAll(r.metrics().keySet()));
        for (String key : metricKeys) {
            List<Double> values = runs.stream().map(r -> r.metrics().get(key)).toList();
            List<String> texts = values.stream().map(v -> v == null ? "" : RunFormats.rounded(v)).toList();
            out.add(new CompareRow(CompareRow.Section.METRIC, key, texts, BestValue.bestIndex(key, values), differs(values)));
        }
        addSection(out, runs, CompareRow.Section.TAG, RunSummary::tags);
        return out;
    }

    private static void addSection(List<CompareRow> out, List<RunSummary> runs, CompareRow.Section section,
                                   Function<RunSummary, Map<String, String>> pairs) {
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(r -> keys.addAll(pairs.apply(r).keySet()));
        for (String key : keys) {
            List<String> values = runs.stream().map(r -> pairs.apply(r).get(key)).toList();
            out.add(new CompareRow(section, key, values.stream().map(v -> v == null ? "" : v).toList(), -1, differs(values)));
        }
    }

    private static boolean differs(List<?> values) {
        return values.stream().anyMatch(v -> !Objects.equals(v, values.get(0)));
    }
}
