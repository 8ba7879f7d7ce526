package dev.braid.pipelines;

import java.time.Instant;
import java.util.List;

/**
 * A job, stage or task of a cached run, one row per attempt ({@code retried} when a later attempt
 * replaced it). {@code needs} names the jobs it waits for where the source says so; a bridge names
 * the downstream run it started.
 */
public record PipelineJob(String id, String name, String stage, String kind, PipelineStatus status, String sourceStatus,
                          Instant createdAt, Instant startedAt, Instant finishedAt, Long queuedMs, Long durationMs,
                          int attempt, boolean retried, boolean allowFailure, String runner, List<String> needs, String url,
                          int position, Downstream downstream, List<JobStep> steps) {
    public PipelineJob {
        needs = needs == null ? List.of() : List.copyOf(needs);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The run a bridge started: its id, project, address and status as the bridge reported them. */
    public record Downstream(String id, String project, String url, String status) {
    }
}
