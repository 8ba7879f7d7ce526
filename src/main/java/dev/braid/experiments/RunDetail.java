package dev.braid.experiments;

import java.util.List;

/**
 * Everything cached about one run: its summary plus latest metrics with step and time, dataset
 * inputs, artifact location, the runs nested under it and the model versions made from it.
 */
public record RunDetail(RunSummary summary, String lifecycleStage, String artifactUri, List<LatestMetric> latestMetrics,
                        List<DatasetInput> datasets, List<String> childRunIds, List<ModelVersion> modelVersions) {
    public RunDetail {
        latestMetrics = List.copyOf(latestMetrics);
        datasets = List.copyOf(datasets);
        childRunIds = List.copyOf(childRunIds);
        modelVersions = List.copyOf(modelVersions);
    }
}
