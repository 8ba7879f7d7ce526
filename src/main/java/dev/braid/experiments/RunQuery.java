package dev.braid.experiments;

import java.util.List;

/**
 * Which cached runs to list. {@code sourceName} null means every source; an empty
 * {@code experimentNames} means every experiment of that name scope, and an empty
 * {@code experiments} puts no limit by identity (both lists, when given, must hold). {@code filter}
 * and {@code orderBy} use MLflow's search syntax, evaluated in the cache by
 * {@code dev.braid.experiments.filter}; null means none. {@code starredOnly} keeps starred runs.
 * {@code limit} ≤ 0 means no limit; {@code offset} skips that many runs of the ordered result,
 * which is how the runs table reads pages.
 */
public record RunQuery(String sourceName, List<String> experimentNames, List<ExperimentKey> experiments, String filter,
                       String orderBy, boolean starredOnly, int offset, int limit) {
    public RunQuery {
        experimentNames = List.copyOf(experimentNames);
        experiments = List.copyOf(experiments);
        offset = Math.max(0, offset);
    }

    /** Runs of named experiments, without paging or stars. */
    public RunQuery(String sourceName, List<String> experimentNames, String filter, String orderBy, int limit) {
        this(sourceName, experimentNames, List.of(), filter, orderBy, false, 0, limit);
    }

    /** Every cached run, newest first. */
    public static RunQuery all() {
        return new RunQuery(null, List.of(), null, null, 0);
    }

    /** The same runs, {@code limit} of them from {@code offset} on. */
    public RunQuery page(int offset, int limit) {
        return new RunQuery(sourceName, experimentNames, experiments, filter, orderBy, starredOnly, offset, limit);
    }
}
