package dev.braid.pipelines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A pipeline run as a source reports it, with its jobs, filled in while a sync reads it and then
 * staged in the cache. Times are epoch milliseconds; null where the source says nothing.
 */
public final class RunData {
    public final String runId;
    public Long number;
    /** The workflow, DAG or job the run belongs to (GitHub workflow name, Jenkins job path). */
    public String pipeline;
    public PipelineStatus status = PipelineStatus.UNKNOWN;
    public String sourceStatus;
    public String ref;
    public String sha;
    public String event;
    public String title;
    public String author;
    public Long createdAt;
    public Long startedAt;
    public Long finishedAt;
    public Long queuedMs;
    public Long durationMs;
    public int attempt = 1;
    public String url;
    public String parentRunId;
    /** What changes whenever the run changes, as the source says it (an updated_at, a result). */
    public String version;
    public String etag;
    /** The digest of the pipeline spec the run ran, for finding that spec in a repository (Kubeflow, ADR 28). */
    public String definitionHash;
    public List<JobData> jobs = new ArrayList<>();

    public RunData(String runId) {
        this.runId = runId;
    }

    /** Fills what can be derived: durations, job positions, which attempts were retried. */
    public RunData complete() {
        if (durationMs == null && startedAt != null && finishedAt != null) {
            durationMs = Math.max(0, finishedAt - startedAt);
        }
        if (queuedMs == null && createdAt != null && startedAt != null) {
            queuedMs = Math.max(0, startedAt - createdAt);
        }
        for (int i = 0; i < jobs.size(); i++) {
            JobData job = jobs.get(i);
            job.position = i;
            job.complete();
        }
        markRetried();
        return this;
    }

    /** Every attempt of a job but its latest is marked retried. */
    private void markRetried() {
        java.util.Map<String, JobData> latest = new java.util.HashMap<>();
        for (JobData job : jobs) {
            String key = (job.stage == null ? "" : job.stage) + "\n" + job.name;
            JobData seen = latest.get(key);
            if (seen == null || LATER.compare(job, seen) > 0) {
                latest.put(key, job);
            }
        }
        for (JobData job : jobs) {
            String key = (job.stage == null ? "" : job.stage) + "\n" + job.name;
            if (latest.get(key) != job) {
                job.retried = true;
            }
        }
    }

    private static final Comparator<JobData> LATER = Comparator.comparingInt((JobData j) -> j.attempt)
            .thenComparing(j -> j.createdAt == null ? Long.MIN_VALUE : j.createdAt)
            .thenComparingInt(j -> j.position);

    /** Jobs of the latest attempts. */
    public int jobCount() {
        return (int) jobs.stream().filter(j -> !j.retried).count();
    }

    /** Jobs of the latest attempts that failed and were not allowed to. */
    public int jobsFailed() {
        return (int) jobs.stream().filter(j -> !j.retried && !j.allowFailure && j.status == PipelineStatus.FAILED).count();
    }
}
