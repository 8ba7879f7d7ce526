package dev.braid.experiments.ui;

import dev.braid.experiments.RunGroupKey;
import dev.braid.experiments.RunGroupStats;
import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Grouping of the runs by their datasets or a param or tag, with min, max and mean per group of the
 * metrics the table shows (or, when it shows none, the first few metrics of the loaded runs). The
 * groups and their statistics cover every run of the query, loaded or not: a {@link GroupReader}
 * asks the cache for them while grouping, again when the query's first page replaces the runs, the
 * key or the metrics change; pages arriving later only add their runs to the groups' loaded runs.
 * The keys of the loaded runs are learnt a page at a time as pages arrive.
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
    private final GroupReader reader;
    private LoadedKeys loaded = new LoadedKeys();
    private List<RunGroupStats> read = List.of();
    private long generation;

    /** Reads the groups of every run of the current query off the UI thread; {@code done} is called on it. */
    @FunctionalInterface
    interface GroupReader {
        void read(RunGroupKey by, List<String> metrics, Consumer<List<RunGroupStats>> done);
    }

    RunGrouping(ObservableList<RunSummary> runs, ColumnChoice columns, GroupReader reader) {
        this.runs = runs;
        this.columns = columns;
        this.reader = reader;
        runs.addListener((ListChangeListener<RunSummary>) change -> {
            boolean firstPage = learnKeys(change);
            rebuildChoices();
            rebuild(firstPage);
        });
        columns.visible().addListener((ListChangeListener<RunColumn>) change -> rebuild(false));
        columns.keys().addListener((ListChangeListener<RunColumn>) change -> rebuildChoices());
        loaded.learn(runs);
        rebuildChoices();
        rebuild(true);
    }

    /**
     * Keys of pages as they are added; everything again only when runs were removed or replaced.
     * True when the change is a query's first page: it removed runs, or added to an empty list.
     */
    private boolean learnKeys(ListChangeListener.Change<? extends RunSummary> change) {
        boolean onlyAdded = true;
        List<RunSummary> added = new ArrayList<>();
        while (change.next()) {
            if (change.wasRemoved() || !change.wasAdded()) {
                onlyAdded = false;
            } else {
                added.addAll(change.getAddedSubList());
            }
        }
        if (onlyAdded) {
            loaded.learn(added);
        } else {
            loaded = new LoadedKeys();
            loaded.learn(runs);
        }
        return !onlyAdded || added.size() == runs.size();
    }

    /** The param, tag and metric keys of the loaded runs. */
    private static final class LoadedKeys {
        final TreeSet<String> params = new TreeSet<>();
        final TreeSet<String> tags = new TreeSet<>();
        final TreeSet<String> metrics = new TreeSet<>();

        void learn(List<? extends RunSummary> runs) {
            for (RunSummary run : runs) {
                params.addAll(run.params().keySet());
                tags.addAll(run.tags().keySet());
                metrics.addAll(run.metrics().keySet());
            }
        }
    }

    /** What the runs can be grouped by: their datasets, then every param and tag key of the chosen experiments. */
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

    /** What the runs are grouped by; null when they are not grouped. */
    public ReadOnlyObjectProperty<RunColumn> byProperty() {
        return by.getReadOnlyProperty();
    }

    /** Groups by datasets, a param or a tag; null (or another kind of column) stops grouping. */
    public void groupBy(RunColumn column) {
        RunColumn chosen = column != null && column.groupable() ? column : null;
        if (!java.util.Objects.equals(chosen, by.get())) {
            by.set(chosen);
            read = List.of();
            groups.clear();
            rebuildChoices();
            rebuild(true);
        }
    }

    private void rebuildChoices() {
        TreeSet<String> params = new TreeSet<>(loaded.params);
        TreeSet<String> tags = new TreeSet<>(loaded.tags);
        for (RunColumn key : columns.keys()) {
            if (key.kind() == RunColumn.Kind.PARAM) {
                params.add(key.key());
            } else if (key.kind() == RunColumn.Kind.TAG) {
                tags.add(key.key());
            }
        }
        List<RunColumn> keys = new ArrayList<>(params.size() + tags.size() + 2);
        keys.add(RunColumn.of(RunColumn.Kind.DATASETS));
        params.forEach(k -> keys.add(RunColumn.param(k)));
        tags.forEach(k -> keys.add(RunColumn.tag(k)));
        if (by.get() != null && !keys.contains(by.get())) {
            keys.add(1, by.get());
        }
        if (!keys.equals(choices)) {
            choices.setAll(keys);
        }
    }

    /** Asks for the groups again when {@code reread} or the summarised metrics changed; else joins the loaded runs anew. */
    private void rebuild(boolean reread) {
        List<String> shown = columns.visible().stream().filter(c -> c.kind() == RunColumn.Kind.METRIC)
                .map(RunColumn::key).toList();
        List<String> summarised = shown.isEmpty() ? loaded.metrics.stream().limit(DEFAULT_METRICS).toList() : shown;
        if (!summarised.equals(metrics)) {
            metrics.setAll(summarised);
            reread = true;
        }
        RunColumn column = by.get();
        if (column == null) {
            generation++;
            read = List.of();
            groups.clear();
            return;
        }
        if (!reread) {
            show(column);
            return;
        }
        long asked = ++generation;
        reader.read(keyOf(column), List.copyOf(summarised), all -> {
            if (asked == generation) {
                read = all;
                show(column);
            }
        });
    }

    private void show(RunColumn column) {
        groups.setAll(RunGroups.join(read, List.copyOf(runs), column::groupValues));
    }

    private static RunGroupKey keyOf(RunColumn column) {
        return switch (column.kind()) {
            case PARAM -> RunGroupKey.param(column.key());
            case TAG -> RunGroupKey.tag(column.key());
            default -> RunGroupKey.datasets();
        };
    }
}
