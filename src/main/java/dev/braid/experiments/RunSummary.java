package dev.braid.experiments;

import java.util.List;
import java.util.Map;

/**
 * One cached run with what a runs table shows: its identity, state, times (epoch ms), params,
 * latest metric values, tags, dataset inputs (without schema and profile, which only the run's
 * detail reads) and whether the user starred it.
 */
public record RunSummary(long runPk, long sourceId, String runId, String experimentId, String experimentName,
                         String runName, String userId, String status, Long startTime, Long endTime,
                         String parentRunId, String sourceCommit, Map<String, String> params,
                         Map<String, Double> metrics, Map<String, String> tags, List<DatasetInput> datasets,
                         boolean starred) {
    public RunSummary {
        params = Frozen.map(params);
        metrics = Frozen.map(metrics);
        tags = Frozen.map(tags);
        datasets = List.copyOf(datasets);
    }

    /** A run without dataset inputs, not starred. */
    public RunSummary(long runPk, long sourceId, String runId, String experimentId, String experimentName,
                      String runName, String userId, String status, Long startTime, Long endTime,
                      String parentRunId, String sourceCommit, Map<String, String> params,
                      Map<String, Double> metrics, Map<String, String> tags) {
        this(runPk, sourceId, runId, experimentId, experimentName, runName, userId, status, startTime, endTime,
                parentRunId, sourceCommit, params, metrics, tags, List.of(), false);
    }
}
