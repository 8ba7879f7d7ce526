package dev.braid.experiments;

import java.util.List;

/**
 * Which cached runs to list. {@code sourceName} null means every source; an empty
 * {@code experimentNames} means every experiment. {@code filter} and {@code orderBy} use MLflow's
 * search syntax, evaluated in the cache by {@code dev.braid.experiments.filter}; null means none. {@code limit} ≤ 0
 * means no limit.
 */
public record RunQuery(String sourceName, List<String> experimentNames, String filter, String orderBy, int limit) {
    public RunQuery {
        experimentNames = List.copyOf(experimentNames);
    }

    /** Every cached run, newest first. */
    public static RunQuery all() {
        return new RunQuery(null, List.of(), null, null, 0);
    }
}
