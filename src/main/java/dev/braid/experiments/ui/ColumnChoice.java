package dev.braid.experiments.ui;

import dev.braid.experiments.RunKeys;
import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The runs table's columns: the run attributes (star, status and name always; the others can be
 * hidden) and the chosen metric, param and tag keys, which stand right after the run's name, as
 * people come to compare them. When nothing was chosen for a set of experiments yet, the metrics
 * and params whose values vary across the shown runs are chosen ({@link #suggest}); a choice made
 * in the chooser is reported to {@link #onChosen} so it can be remembered per experiment. Only
 * shown columns become table columns, so thousands of distinct keys cost a list entry each.
 */
public final class ColumnChoice {
    /** At most this many metrics and this many params are shown before anyone chooses. */
    public static final int SUGGESTED_PER_KIND = 4;
    /** Always shown, before the keys. */
    static final List<RunColumn> LEAD = List.of(RunColumn.of(RunColumn.Kind.STAR), RunColumn.of(RunColumn.Kind.STATUS),
            RunColumn.of(RunColumn.Kind.RUN_NAME));
    /**
     * The attributes that can be hidden, in the chooser's order. The source stands right after the
     * run's name, the others after the keys: with the suggested keys the table is wider than a
     * 1280-pixel window, and where a run comes from (MLflow, W&B) is what tells runs apart.
     */
    static final List<RunColumn> TAIL = List.of(RunColumn.of(RunColumn.Kind.SOURCE), RunColumn.of(RunColumn.Kind.CREATED),
            RunColumn.of(RunColumn.Kind.DURATION), RunColumn.of(RunColumn.Kind.EXPERIMENT), RunColumn.of(RunColumn.Kind.USER),
            RunColumn.of(RunColumn.Kind.COMMIT),
            RunColumn.of(RunColumn.Kind.MODELS), RunColumn.of(RunColumn.Kind.DATASETS));
    /** The attributes shown until someone hides them: user and datasets wait in the chooser. */
    static final List<RunColumn> FIXED;

    static {
        List<RunColumn> fixed = new ArrayList<>(LEAD);
        TAIL.stream().filter(c -> c.kind() != RunColumn.Kind.USER && c.kind() != RunColumn.Kind.DATASETS).forEach(fixed::add);
        FIXED = List.copyOf(fixed);
    }

    private final ObservableList<RunColumn> available = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<RunColumn> availableView = FXCollections.unmodifiableObservableList(available);
    private final FilteredList<RunColumn> matching = new FilteredList<>(available, c -> true);
    private final ObservableList<RunColumn> visible = FXCollections.observableArrayList(FIXED);
    private final ObservableList<RunColumn> readOnlyVisible = FXCollections.unmodifiableObservableList(visible);
    private final Map<RunColumn, BooleanProperty> shown = new HashMap<>();
    private final List<RunColumn> keyed = new ArrayList<>();
    private final Set<RunColumn> tail = new LinkedHashSet<>(FIXED.subList(LEAD.size(), FIXED.size()));
    private Runnable onChosen = () -> { };
    private boolean applying;

    /** The keyed columns whose name contains the search text, sorted: metrics, params, then tags. */
    public ObservableList<RunColumn> matching() {
        return matching;
    }

    /** The columns the table shows, in order: star, status, name, source, the chosen keys, then the other attributes. */
    public ObservableList<RunColumn> visible() {
        return readOnlyVisible;
    }

    /** Every keyed column that can be chosen, sorted: metrics, params, then tags. */
    public ObservableList<RunColumn> keys() {
        return availableView;
    }

    /** The attributes that can be shown or hidden, in their order. */
    public List<RunColumn> attributes() {
        return TAIL;
    }

    /** How many keyed columns can be chosen. */
    public int availableCount() {
        return available.size();
    }

    /** The chosen keys, in the order they stand. */
    public List<RunColumn> chosenKeys() {
        return List.copyOf(keyed);
    }

    /** Hears when a person changed the choice (not when it was applied from memory or suggested). */
    public void onChosen(Runnable listener) {
        this.onChosen = listener;
    }

    /** Whether {@code column} is shown; setting it shows or hides the column. Made on first use. */
    public BooleanProperty shownProperty(RunColumn column) {
        return shown.computeIfAbsent(column, c -> {
            BooleanProperty p = new SimpleBooleanProperty(visible.contains(c));
            p.addListener((obs, old, now) -> setShown(c, now));
            return p;
        });
    }

    /** Shows or hides a column, as a person does in the chooser. Star, status and name always show. */
    public void setShown(RunColumn column, boolean show) {
        boolean changed;
        if (column.kind().keyed()) {
            changed = show ? !keyed.contains(column) && keyed.add(column) : keyed.remove(column);
        } else if (TAIL.contains(column)) {
            changed = show ? tail.add(column) : tail.remove(column);
        } else {
            changed = false;
        }
        if (changed) {
            rebuild();
            if (!applying) {
                onChosen.run();
            }
        }
    }

    /** Shows exactly these keys (and keeps the attributes as they are), without counting it as a person's choice. */
    public void choose(List<RunColumn> keys) {
        List<RunColumn> wanted = keys.stream().filter(c -> c.kind().keyed()).distinct().toList();
        if (wanted.equals(keyed)) {
            return;
        }
        keyed.clear();
        keyed.addAll(wanted);
        applying = true;
        try {
            rebuild();
        } finally {
            applying = false;
        }
    }

    /** The attributes shown after the keys, for remembering them; see {@link #showAttributes}. */
    public List<RunColumn> shownAttributes() {
        return List.copyOf(tail);
    }

    /** Shows exactly these of the hideable attributes. */
    public void showAttributes(List<RunColumn> attributes) {
        Set<RunColumn> wanted = new LinkedHashSet<>(attributes);
        wanted.retainAll(TAIL);
        if (wanted.equals(tail)) {
            return;
        }
        tail.clear();
        tail.addAll(wanted);
        applying = true;
        try {
            rebuild();
        } finally {
            applying = false;
        }
    }

    private void rebuild() {
        List<RunColumn> next = new ArrayList<>(LEAD);
        RunColumn source = RunColumn.of(RunColumn.Kind.SOURCE);
        if (tail.contains(source)) {
            next.add(source);
        }
        for (RunColumn.Kind kind : List.of(RunColumn.Kind.METRIC, RunColumn.Kind.PARAM, RunColumn.Kind.TAG)) {
            keyed.stream().filter(c -> c.kind() == kind).forEach(next::add);
        }
        TAIL.stream().filter(c -> tail.contains(c) && !c.equals(source)).forEach(next::add);
        if (!next.equals(visible)) {
            visible.setAll(next);
        }
        shown.forEach((column, property) -> {
            boolean now = next.contains(column);
            if (property.get() != now) {
                property.set(now);
            }
        });
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
        for (RunColumn c : keyed) {
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

    /**
     * The metrics and params worth showing for {@code runs} before anyone chooses: those whose value
     * differs between runs, most informative first (logged by most runs, then with the most
     * distinct values), at most {@code perKind} of each; metrics before params.
     */
    static List<RunColumn> suggest(List<RunSummary> runs, int perKind) {
        List<RunColumn> out = new ArrayList<>();
        out.addAll(varying(runs, RunSummary::metrics, RunColumn::metric, perKind));
        out.addAll(varying(runs, RunSummary::params, RunColumn::param, perKind));
        return out;
    }

    private static <V> List<RunColumn> varying(List<RunSummary> runs, Function<RunSummary, Map<String, V>> values,
                                               Function<String, RunColumn> column, int limit) {
        Map<String, Integer> coverage = new HashMap<>();
        Map<String, Set<V>> distinct = new HashMap<>();
        for (RunSummary run : runs) {
            values.apply(run).forEach((key, value) -> {
                coverage.merge(key, 1, Integer::sum);
                Set<V> seen = distinct.computeIfAbsent(key, k -> new HashSet<>());
                if (seen.size() < 1_000) {
                    seen.add(value);
                }
            });
        }
        return coverage.keySet().stream().filter(key -> distinct.get(key).size() > 1)
                .sorted(Comparator.comparingInt((String key) -> -coverage.get(key))
                        .thenComparingInt(key -> -Math.min(distinct.get(key).size(), 50)).thenComparing(key -> key))
                .limit(limit).map(column).toList();
    }
}
