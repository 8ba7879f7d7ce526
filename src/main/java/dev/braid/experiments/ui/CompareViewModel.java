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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Two or more runs side by side: params, metrics and tags as rows, one column per run, optionally
 * only the rows where the runs differ, with each metric's best value marked, and the runs'
 * histories of one metric overlaid in a chart.
 */
public final class CompareViewModel {
    private final List<RunSummary> runs;
    private final List<CompareRow> allRows;
    private final ObservableList<CompareRow> rows = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<CompareRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper differencesOnly = new ReadOnlyBooleanWrapper(this, "differencesOnly");
    private final MetricPlotViewModel plot;

    CompareViewModel(ExperimentService service, TaskRunner runner, List<RunSummary> runs) {
        this.runs = List.copyOf(runs);
        this.allRows = build(this.runs);
        this.plot = new MetricPlotViewModel(service, runner, this.runs);
        rows.setAll(allRows);
        if (!plot.metricKeys().isEmpty()) {
            plot.chooseMetric(plot.metricKeys().get(0));
        }
    }

    public List<RunSummary> runs() {
        return runs;
    }

    /** Column headings: each run's name. */
    public List<String> runNames() {
        return runs.stream().map(RunFormats::runLabel).toList();
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
