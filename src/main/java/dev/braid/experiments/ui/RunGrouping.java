package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Grouping of the loaded runs by a param or tag, with min, max and mean per group of the metrics
 * the table shows (or, when it shows none, the first few metrics of the runs).
 */
public final class RunGrouping {
    /** How many metrics are summarised when the table shows no metric column. */
    static final int DEFAULT_METRICS = 4;
    private final ObservableList<RunSummary> runs;
    private final ColumnChoice columns;
    private final ObservableList<RunColumn> choices = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<RunColumn> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final ObservableList<RunGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<RunGroup> groupsView = FXCollections.unmodifiableObservableList(groups);
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObservableList<String> metricsView = FXCollections.unmodifiableObservableList(metrics);
    private final ReadOnlyObjectWrapper<RunColumn> by = new ReadOnlyObjectWrapper<>(this, "by");

    RunGrouping(ObservableList<RunSummary> runs, ColumnChoice columns) {
        this.runs = runs;
        this.columns = columns;
        runs.addListener((ListChangeListener<RunSummary>) change -> rebuild());
        columns.visible().addListener((ListChangeListener<RunColumn>) change -> rebuild());
        rebuild();
    }

    /** The params and tags of the loaded runs that can be grouped by. */
    public ObservableList<RunColumn> choices() {
        return choicesView;
    }

    public ObservableList<RunGroup> groups() {
        return groupsView;
    }

    /** The metrics each group summarises, in column order. */
    public ObservableList<String> metrics() {
        return metricsView;
    }

    /** The param or tag grouped by; null when the runs are not grouped. */
    public ReadOnlyObjectProperty<RunColumn> byProperty() {
        return by.getReadOnlyProperty();
    }

    /** Groups by a param or tag column; null (or another kind of column) stops grouping. */
    public void groupBy(RunColumn column) {
        RunColumn chosen = column != null && (column.kind() == RunColumn.Kind.PARAM || column.kind() == RunColumn.Kind.TAG)
                ? column : null;
        if (!java.util.Objects.equals(chosen, by.get())) {
            by.set(chosen);
            rebuild();
        }
    }

    private void rebuild() {
        List<RunSummary> loaded = List.copyOf(runs);
        TreeSet<String> params = new TreeSet<>();
        TreeSet<String> tags = new TreeSet<>();
        loaded.forEach(r -> {
            params.addAll(r.params().keySet());
            tags.addAll(r.tags().keySet());
        });
        List<RunColumn> keys = new ArrayList<>();
        params.forEach(k -> keys.add(RunColumn.param(k)));
        tags.forEach(k -> keys.add(RunColumn.tag(k)));
        if (by.get() != null && !keys.contains(by.get())) {
            keys.add(0, by.get());
        }
        if (!keys.equals(choices)) {
            choices.setAll(keys);
        }
        List<String> shown = columns.visible().stream().filter(c -> c.kind() == RunColumn.Kind.METRIC)
                .map(RunColumn::key).toList();
        List<String> summarised = shown.isEmpty() ? RunGroups.metricKeys(loaded, DEFAULT_METRICS) : shown;
        if (!summarised.equals(metrics)) {
            metrics.setAll(summarised);
        }
        RunColumn column = by.get();
        groups.setAll(column == null ? List.of() : RunGroups.group(loaded, column::keyedValue, summarised));
    }
}
