package dev.braid.experiments;

/**
 * One metric value linked to a logged model: the run that logged it and, when it was measured on
 * a dataset, that dataset's name and digest. A NaN value is null.
 */
public record LoggedModelMetric(String key, Double value, long timestamp, long step, String runId, String datasetName,
                                String datasetDigest) {
}
