package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The rows the runs table shows: the loaded runs as they are, or nested, each child run under
 * its parent with expand and collapse. Runs start expanded; what was collapsed stays collapsed
 * across reloads.
 */
public final class RunNesting {
    private final ObservableList<RunSummary> runs;
    private final ObservableList<RunSummary> rows = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<RunSummary> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper nested = new ReadOnlyBooleanWrapper(this, "nested", true);
    private final Set<String> collapsed = new HashSet<>();
    private Map<String, RunTree.Line> lines = Map.of();

    RunNesting(ObservableList<RunSummary> runs) {
        this.runs = runs;
        runs.addListener((ListChangeListener<RunSummary>) change -> rebuild());
        rebuild();
    }

    /** The table's rows, in display order. */
    public ObservableList<RunSummary> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty nestedProperty() {
        return nested.getReadOnlyProperty();
    }

    public void setNested(boolean on) {
        if (on != nested.get()) {
            nested.set(on);
            rebuild();
        }
    }

    /** How deep {@code run} sits: 0 for top-level runs and whenever rows are not nested. */
    public int depth(RunSummary run) {
        RunTree.Line line = lines.get(RunTree.key(run));
        return line == null ? 0 : line.depth();
    }

    public boolean hasChildren(RunSummary run) {
        RunTree.Line line = lines.get(RunTree.key(run));
        return line != null && line.hasChildren();
    }

    public boolean isExpanded(RunSummary run) {
        RunTree.Line line = lines.get(RunTree.key(run));
        return line != null && line.expanded();
    }

    /** Collapses an expanded run with children, or expands a collapsed one. */
    public void toggle(RunSummary run) {
        if (!hasChildren(run)) {
            return;
        }
        String key = RunTree.key(run);
        if (!collapsed.remove(key)) {
            collapsed.add(key);
        }
        rebuild();
    }

    private void rebuild() {
        if (!nested.get()) {
            lines = Map.of();
            show(List.copyOf(runs));
            return;
        }
        List<RunTree.Line> laidOut = new RunTree(List.copyOf(runs)).lines(collapsed);
        Map<String, RunTree.Line> byKey = new HashMap<>();
        laidOut.forEach(l -> byKey.put(RunTree.key(l.run()), l));
        lines = byKey;
        show(laidOut.stream().map(RunTree.Line::run).toList());
    }

    /**
     * Appends when the rows shown are the start of {@code next}, as after a page of runs was
     * read, and replaces only the runs that changed when a sync re-read the same runs, so the table
     * keeps its selection and scroll position; replaces the rows otherwise.
     */
    private void show(List<RunSummary> next) {
        dev.braid.ui.ListUpdates.update(rows, next, RunTree::key);
    }
}
