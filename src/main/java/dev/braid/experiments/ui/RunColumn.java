package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.Locale;

/**
 * A column of the runs table: a fixed run attribute, or one param, metric or tag chosen by the
 * user. {@link #orderBy()} is the MLflow order-by key the cache sorts by; null when the column
 * cannot be sorted there.
 */
public record RunColumn(Kind kind, String key) {
    /** Where a column's value comes from. */
    public enum Kind {
        STATUS("Status", "attributes.status"),
        RUN_NAME("Run name", "attributes.run_name"),
        EXPERIMENT("Experiment", null),
        CREATED("Created", "attributes.start_time"),
        DURATION("Duration", null),
        USER("User", "attributes.user_id"),
        COMMIT("Commit", "tags.`mlflow.source.git.commit`"),
        MODELS("Model versions", null),
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

    /** The keyed column's value of {@code run} as text, or null for fixed columns and missing keys. */
    public String keyedValue(RunSummary run) {
        return switch (kind) {
            case PARAM -> run.params().get(key);
            case TAG -> run.tags().get(key);
            case METRIC -> {
                Double value = run.metrics().get(key);
                yield value == null ? null : RunFormats.number(value);
            }
            default -> null;
        };
    }
}
