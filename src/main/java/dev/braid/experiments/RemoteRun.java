package dev.braid.experiments;

import java.util.List;
import java.util.Map;

/** A run as an MLflow server returns it from {@code runs/search} or {@code runs/get}. */
record RemoteRun(String runId, String experimentId, String runName, String userId, String status, Long startTime,
                 Long endTime, String lifecycleStage, String artifactUri, Map<String, String> params,
                 List<LatestMetric> metrics, Map<String, String> tags, List<DatasetInput> datasets) {
    static final String PARENT_TAG = "mlflow.parentRunId";
    static final String COMMIT_TAG = "mlflow.source.git.commit";

    RemoteRun {
        params = Frozen.map(params);
        metrics = List.copyOf(metrics);
        tags = Frozen.map(tags);
        datasets = List.copyOf(datasets);
    }

    String parentRunId() {
        return tags.get(PARENT_TAG);
    }

    String sourceCommit() {
        return tags.get(COMMIT_TAG);
    }
}
