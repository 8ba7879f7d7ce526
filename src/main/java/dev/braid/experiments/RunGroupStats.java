package dev.braid.experiments;

import java.util.Map;

/**
 * One group of the runs a query matches: the grouping key's {@code value} (null for runs without
 * it), how many runs share it, and statistics of the chosen metrics by name; a metric no run of
 * the group logged a number for is absent. A run that used several datasets is in each of their groups.
 */
public record RunGroupStats(String value, long runs, Map<String, GroupStats> metrics) {
    public RunGroupStats {
        metrics = Map.copyOf(metrics);
    }
}
