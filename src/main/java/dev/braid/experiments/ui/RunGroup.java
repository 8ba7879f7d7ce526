package dev.braid.experiments.ui;

import dev.braid.experiments.GroupStats;
import dev.braid.experiments.RunSummary;
import java.util.List;
import java.util.Map;

/**
 * The runs sharing one value of the grouping key ({@code value} is null for runs without it):
 * {@code count} of them match the query in all, {@code runs} are those loaded so far (selected when
 * the group is opened), with statistics of the chosen metrics over all of them keyed by metric
 * name; a metric no run of the group logged is absent.
 */
public record RunGroup(String value, long count, List<RunSummary> runs, Map<String, GroupStats> metrics) {
    public RunGroup {
        runs = List.copyOf(runs);
        metrics = Map.copyOf(metrics);
    }

    /** The value as shown: "(none)" for runs that lack the key. */
    public String label() {
        return value == null ? "(none)" : value;
    }
}
