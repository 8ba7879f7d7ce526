package dev.braid.experiments.filter;

/**
 * An order whose first key is a metric, taken apart so a reader can walk the latest-metrics index
 * on (key, value) in order instead of sorting every run: {@code metricKey} and its direction,
 * then {@code tieBreak}, the ORDER BY list over {@code runs r} for the remaining keys (and the
 * default tie-breakers) that orders runs with equal values, NaN runs and runs without the metric.
 *
 * <p>The three groups come in MLflow's order whatever the direction: runs with a number, then runs
 * whose value is NaN (a null value in the cache), then runs without the metric.
 */
public record MetricLead(String metricKey, boolean ascending, SqlFragment tieBreak) {
}
