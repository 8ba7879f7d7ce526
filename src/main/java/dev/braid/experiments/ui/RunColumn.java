package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.List;
import java.util.Locale;

/**
 * A column of the runs table: a fixed run attribute, or one param, metric or tag chosen by the
 * user. {@link #orderBy()} is the MLflow order-by key the cache sorts by; null when the column
 * cannot be sorted there.
 */
public record RunColumn(Kind kind, String key) {
    /** Where a column's value comes from. */
    public enum Kind {
        STAR("★", null),
        STATUS("Status", "attributes.status"),
        RUN_NAME("Run name", "attributes.run_name"),
        EXPERIMENT("Experiment", null),
        SOURCE("Source", null),
        CREATED("Created", "attributes.start_time"),
        DURATION("Duration", null),
        USER("User", "attributes.user_id"),
        COMMIT("Commit", "tags.`mlflow.source.git.commit`"),
        MODELS("Model versions", null),
        DATASETS("Datasets", null),
        PARAM("params", null),
        METRIC("metrics", null),
        TAG("tags", null);

        private final String title;
        private final String orderBy;

        Kind(String title, String orderBy) {
            this.title = title;
            this.orderBy = orderBy;
        }

        boolean keyed() {
            return this == PARAM || this == METRIC || this == TAG;
        }
    }

    public static RunColumn of(Kind kind) {
        return new RunColumn(kind, null);
    }

    public static RunColumn param(String key) {
        return new RunColumn(Kind.PARAM, key);
    }

    public static RunColumn metric(String key) {
        return new RunColumn(Kind.METRIC, key);
    }

    public static RunColumn tag(String key) {
        return new RunColumn(Kind.TAG, key);
    }

    /** A stable id for the table column and tests: {@code status}, {@code metrics.rmse}. */
    public String id() {
        return kind.keyed() ? kind.title + "." + key : kind.name().toLowerCase(Locale.ROOT);
    }

    /** The header text. */
    public String title() {
        return kind.keyed() ? key : kind.title;
    }

    /** The MLflow order-by key ({@code metrics.`val loss`}), or null when the cache cannot sort by it. */
    public String orderBy() {
        return kind.keyed() ? kind.title + ".`" + key.replace("`", "``") + "`" : kind.orderBy;
    }

    /** The values {@code run} is grouped under by this column: one for a param or tag it has, one per dataset. */
    public List<String> groupValues(RunSummary run) {
        if (kind == Kind.DATASETS) {
            return run.datasets().stream().map(RunFormats::dataset).distinct().toList();
        }
        String value = keyedValue(run);
        return value == null ? List.of() : List.of(value);
    }

    /** Whether the runs can be grouped by this column: params, tags and datasets. */
    public boolean groupable() {
        return kind == Kind.PARAM || kind == Kind.TAG || kind == Kind.DATASETS;
    }

    /**
     * The value a run is grouped by: a keyed column's value (null for a missing key), or the
     * run's datasets as text; null for other fixed columns.
     */
    public String keyedValue(RunSummary run) {
        return switch (kind) {
            case PARAM -> run.params().get(key);
            case TAG -> run.tags().get(key);
            case METRIC -> {
                Double value = run.metrics().get(key);
                yield value == null ? null : RunFormats.number(value);
            }
            case DATASETS -> RunFormats.datasets(run.datasets());
            default -> null;
        };
    }
}
