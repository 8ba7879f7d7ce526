package dev.braid.experiments.ui;

import dev.braid.experiments.RunKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The runs table's column chooser: every param, metric and tag key of the chosen experiments, a
 * search over them, and the columns currently shown. Only shown columns become table columns, so
 * thousands of distinct keys cost a list entry each, not a column each.
 */
public final class ColumnChoice {
    static final List<RunColumn> FIXED = List.of(RunColumn.of(RunColumn.Kind.STAR), RunColumn.of(RunColumn.Kind.STATUS),
            RunColumn.of(RunColumn.Kind.RUN_NAME), RunColumn.of(RunColumn.Kind.EXPERIMENT),
            RunColumn.of(RunColumn.Kind.SOURCE), RunColumn.of(RunColumn.Kind.CREATED),
            RunColumn.of(RunColumn.Kind.DURATION), RunColumn.of(RunColumn.Kind.USER), RunColumn.of(RunColumn.Kind.COMMIT),
            RunColumn.of(RunColumn.Kind.MODELS), RunColumn.of(RunColumn.Kind.DATASETS));
    private final ObservableList<RunColumn> available = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<RunColumn> availableView = FXCollections.unmodifiableObservableList(available);
    private final FilteredList<RunColumn> matching = new FilteredList<>(available, c -> true);
    private final ObservableList<RunColumn> visible = FXCollections.observableArrayList(FIXED);
    private final ObservableList<RunColumn> readOnlyVisible = FXCollections.unmodifiableObservableList(visible);
    private final Map<RunColumn, BooleanProperty> shown = new HashMap<>();

    /** The keyed columns whose name contains the search text, sorted: metrics, params, then tags. */
    public ObservableList<RunColumn> matching() {
        return matching;
    }

    /** The columns the table shows, in order: the fixed ones, then chosen keys in the order chosen. */
    public ObservableList<RunColumn> visible() {
        return readOnlyVisible;
    }

    /** Every keyed column that can be chosen, sorted: metrics, params, then tags. */
    public ObservableList<RunColumn> keys() {
        return availableView;
    }

    /** How many keyed columns can be chosen. */
    public int availableCount() {
        return available.size();
    }

    /** Whether {@code column} is shown; setting it shows or hides the column. Made on first use. */
    public BooleanProperty shownProperty(RunColumn column) {
        return shown.computeIfAbsent(column, c -> {
            BooleanProperty p = new SimpleBooleanProperty(visible.contains(c));
            p.addListener((obs, old, now) -> setShown(c, now));
            return p;
        });
    }

    public void setShown(RunColumn column, boolean show) {
        if (show && !visible.contains(column)) {
            visible.add(column);
        } else if (!show && column.kind().keyed()) {
            visible.remove(column);
        }
        BooleanProperty p = shown.get(column);
        if (p != null && p.get() != show) {
            p.set(show);
        }
    }

    /** Shows only the keyed columns whose "metrics.key" name contains {@code text}, ignoring case. */
    public void search(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        matching.setPredicate(needle.isEmpty() ? c -> true : c -> c.id().toLowerCase(Locale.ROOT).contains(needle));
    }

    /**
     * Offers the keys of the runs in the chosen experiments (not only the loaded ones); chosen
     * columns stay offered even if no run has them any more.
     */
    void setKeys(RunKeys keys) {
        TreeSet<String> metrics = new TreeSet<>(keys.metrics());
        TreeSet<String> params = new TreeSet<>(keys.params());
        TreeSet<String> tags = new TreeSet<>(keys.tags());
        for (RunColumn c : visible) {
            if (c.kind() == RunColumn.Kind.METRIC) {
                metrics.add(c.key());
            } else if (c.kind() == RunColumn.Kind.PARAM) {
                params.add(c.key());
            } else if (c.kind() == RunColumn.Kind.TAG) {
                tags.add(c.key());
            }
        }
        List<RunColumn> all = new ArrayList<>(metrics.size() + params.size() + tags.size());
        metrics.forEach(k -> all.add(RunColumn.metric(k)));
        params.forEach(k -> all.add(RunColumn.param(k)));
        tags.forEach(k -> all.add(RunColumn.tag(k)));
        if (!all.equals(available)) {
            available.setAll(all);
        }
    }
}
