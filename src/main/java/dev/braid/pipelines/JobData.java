package dev.braid.pipelines;

import java.util.ArrayList;
import java.util.List;

/**
 * A job, stage or task as a source reports it, filled in field by field while a sync reads it and
 * then written to the cache. Times are epoch milliseconds; null where the source says nothing.
 */
public final class JobData {
    public String jobId;
    public String name;
    public String stage;
    /** {@code job}, {@code bridge} (starts a downstream run), {@code stage}, {@code approval}, {@code task}. */
    public String kind = "job";
    public PipelineStatus status = PipelineStatus.UNKNOWN;
    public String sourceStatus;
    public Long createdAt;
    public Long startedAt;
    public Long finishedAt;
    public Long queuedMs;
    public Long durationMs;
    public int attempt = 1;
    /** A later attempt of the same job replaced this one. */
    public boolean retried;
    public boolean allowFailure;
    public String runner;
    public List<String> needs = new ArrayList<>();
    public String url;
    public int position;
    public String downstreamId;
    public String downstreamProject;
    public String downstreamUrl;
    public String downstreamStatus;
    public List<JobStep> steps = new ArrayList<>();

    public JobData(String jobId, String name) {
        this.jobId = jobId;
        this.name = name;
    }

    /** Fills durations the source left out from the times it gave. */
    void complete() {
        if (durationMs == null && startedAt != null && finishedAt != null) {
            durationMs = Math.max(0, finishedAt - startedAt);
        }
        if (queuedMs == null && createdAt != null && startedAt != null) {
            queuedMs = Math.max(0, startedAt - createdAt);
        }
    }
}
