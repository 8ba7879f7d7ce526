package dev.braid.experiments;

import java.util.List;
import java.util.Map;

/**
 * An MLflow 3 logged model of one source: a model logged in an experiment, usually by a run
 * ({@code sourceRunId}), with its own params, tags and linked metrics. {@code status} is
 * {@code READY}, {@code PENDING}, {@code FAILED} or {@code UNSPECIFIED}, as MLflow's client names it.
 */
public record LoggedModel(long sourceId, String modelId, String experimentId, String name, String sourceRunId,
                          String status, String statusMessage, String modelType, String artifactLocation,
                          Long creationTimestamp, Long lastUpdatedTimestamp, Map<String, String> params,
                          Map<String, String> tags, List<LoggedModelMetric> metrics) {
    public LoggedModel {
        params = Frozen.map(params);
        tags = Frozen.map(tags);
        metrics = List.copyOf(metrics);
    }
}
