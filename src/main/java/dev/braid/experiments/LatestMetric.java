package dev.braid.experiments;

/** The latest value logged for one metric of a run, as MLflow's run search returns it. */
public record LatestMetric(String key, Double value, long timestamp, long step) {
}
