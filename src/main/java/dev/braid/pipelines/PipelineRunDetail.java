package dev.braid.pipelines;

import java.util.List;

/**
 * A run with its jobs (every attempt, in the order they ran), the run that started it (if cached)
 * and the cached runs it started (children and downstream runs).
 */
public record PipelineRunDetail(PipelineRun run, List<PipelineJob> jobs, PipelineRun parent, List<PipelineRun> downstream) {
    public PipelineRunDetail {
        jobs = List.copyOf(jobs);
        downstream = List.copyOf(downstream);
    }

    /** The latest attempt of each job. */
    public List<PipelineJob> latestJobs() {
        return jobs.stream().filter(j -> !j.retried()).toList();
    }
}
