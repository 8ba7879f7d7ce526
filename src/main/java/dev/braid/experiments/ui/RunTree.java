package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nested runs laid out under their parents. Runs whose parent is not among the given runs are
 * roots; siblings keep the order they were given in (the table's sort). A run's key is its
 * source and MLflow id, since parents are named by MLflow id within a source.
 */
final class RunTree {
    /** One line of the laid-out tree. */
    record Line(RunSummary run, int depth, boolean hasChildren, boolean expanded) {
    }

    private final List<RunSummary> roots = new ArrayList<>();
    private final Map<String, List<RunSummary>> children = new HashMap<>();

    RunTree(List<RunSummary> runs) {
        Set<String> present = new HashSet<>();
        runs.forEach(r -> present.add(key(r)));
        for (RunSummary run : runs) {
            String parent = run.parentRunId() == null ? null : run.sourceId() + "/" + run.parentRunId();
            if (parent == null || !present.contains(parent) || parent.equals(key(run))) {
                roots.add(run);
            } else {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(run);
            }
        }
        // Runs in a parent cycle (bad data) hang under no root; the first of each becomes one.
        Set<String> reached = new HashSet<>();
        roots.forEach(r -> reach(r, reached));
        for (RunSummary run : runs) {
            if (!reached.contains(key(run))) {
                roots.add(run);
                reach(run, reached);
            }
        }
    }

    private void reach(RunSummary from, Set<String> reached) {
        Deque<RunSummary> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            RunSummary run = todo.pop();
            if (reached.add(key(run))) {
                todo.addAll(childrenOf(run));
            }
        }
    }

    static String key(RunSummary run) {
        return run.sourceId() + "/" + run.runId();
    }

    /** The nested runs of {@code run} present here, in the given order. */
    List<RunSummary> childrenOf(RunSummary run) {
        return children.getOrDefault(key(run), List.of());
    }

    /** The lines to show: each root, and under an expanded run (one whose key is not in {@code collapsed}) its children. */
    List<Line> lines(Set<String> collapsed) {
        List<Line> out = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (RunSummary root : roots) {
            add(out, root, 0, collapsed, visited);
        }
        return out;
    }

    private void add(List<Line> out, RunSummary run, int depth, Set<String> collapsed, Set<String> visited) {
        if (!visited.add(key(run))) {
            return;
        }
        List<RunSummary> kids = childrenOf(run).stream().filter(k -> !visited.contains(key(k))).toList();
        boolean expanded = !collapsed.contains(key(run));
        out.add(new Line(run, depth, !kids.isEmpty(), expanded));
        if (expanded) {
            for (RunSummary kid : kids) {
                add(out, kid, depth + 1, collapsed, visited);
            }
        }
    }
}
