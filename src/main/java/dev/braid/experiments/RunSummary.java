package dev.braid.experiments;

import java.util.Map;

/**
 * One cached run with what a runs table shows: its identity, state, times (epoch ms), params,
 * latest metric values and tags.
 */
public record RunSummary(long runPk, long sourceId, String runId, String experimentId, String experimentName,
                         String runName, String userId, String status, Long startTime, Long endTime,
                         String parentRunId, String sourceCommit, Map<String, String> params,
                         Map<String, Double> metrics, Map<String, String> tags) {
    public RunSummary {
        params = Frozen.map(params);
        metrics = Frozen.map(metrics);
        tags = Frozen.map(tags);
    }
}
