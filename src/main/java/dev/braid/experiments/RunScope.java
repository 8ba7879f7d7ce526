package dev.braid.experiments;

import java.util.Collections;
import java.util.List;

/**
 * Which active runs a listing, a count or the key discovery looks at: a source by name, experiments by
 * name and by identity, and only starred runs. Renders the WHERE clause over {@code runs r} joined
 * with {@code sources s} and {@code experiments e}.
 */
record RunScope(String sourceName, List<String> experimentNames, List<ExperimentKey> experiments, boolean starredOnly) {
    /** True when {@code r} has a star; a primary-key lookup per run. */
    static final String STARRED = "EXISTS (SELECT 1 FROM run_stars st WHERE st.source_id = r.source_id AND st.run_id = r.run_id)";

    RunScope {
        experimentNames = List.copyOf(experimentNames);
        experiments = List.copyOf(experiments);
    }

    static RunScope of(RunQuery query) {
        return new RunScope(query.sourceName(), query.experimentNames(), query.experiments(), query.starredOnly());
    }

    /**
     * The joins {@link #where} needs after {@code FROM runs r}: none unless the scope names a source
     * or experiments by name. Every run has its source (a foreign key), so leaving the join out
     * changes no result, and a count then reads only the runs index on the scope's columns.
     */
    String joins() {
        return (sourceName != null ? " JOIN sources s ON s.id = r.source_id" : "")
                + (experimentNames.isEmpty() ? ""
                        : " LEFT JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id");
    }

    /** Appends {@code " WHERE …"} to {@code sql} and its parameters to {@code args}. */
    void where(StringBuilder sql, List<Object> args) {
        sql.append(" WHERE r.lifecycle_stage = 'active'");
        if (sourceName != null) {
            sql.append(" AND s.name = ?");
            args.add(sourceName);
        }
        if (!experimentNames.isEmpty()) {
            sql.append(" AND e.name IN (").append(String.join(", ", Collections.nCopies(experimentNames.size(), "?"))).append(')');
            args.addAll(experimentNames);
        }
        if (!experiments.isEmpty()) {
            sql.append(" AND (r.source_id, r.experiment_id) IN (VALUES ")
                    .append(String.join(", ", Collections.nCopies(experiments.size(), "(?, ?)"))).append(')');
            for (ExperimentKey key : experiments) {
                args.add(key.sourceId());
                args.add(key.experimentId());
            }
        }
        if (starredOnly) {
            sql.append(" AND ").append(STARRED);
        }
    }
}
