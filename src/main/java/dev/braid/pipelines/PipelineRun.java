package dev.braid.pipelines;

import java.time.Instant;

/**
 * A cached pipeline run: a CI pipeline, workflow run or build (and later an orchestrator's run).
 * {@code id} is the source's own id (a GitLab pipeline id, a GitHub run id, a Jenkins
 * {@code [child job/]number}, a CircleCI pipeline id); {@code number} the one people quote.
 * Durations are milliseconds, null when unknown; {@code title} and {@code author} describe the
 * commit, from the source or from the indexed repository that holds it.
 */
public record PipelineRun(long runPk, String source, String sourceKind, String id, Long number, String pipeline,
                          PipelineStatus status, String sourceStatus, String ref, String sha, String event, String title,
                          String author, Instant createdAt, Instant startedAt, Instant finishedAt, Long queuedMs,
                          Long durationMs, int attempt, String url, String parentId, int jobCount, int jobsFailed) {

    /** A copy with the commit's subject and author filled in where the source gave none. */
    public PipelineRun withCommit(String subject, String commitAuthor) {
        return new PipelineRun(runPk, source, sourceKind, id, number, pipeline, status, sourceStatus, ref, sha, event,
                title == null ? subject : title, author == null ? commitAuthor : author, createdAt, startedAt, finishedAt,
                queuedMs, durationMs, attempt, url, parentId, jobCount, jobsFailed);
    }

    /**
     * "#123", or where the source numbers nothing its own id: an Airflow DAG run's run id (without
     * its DAG, shown beside it), the start of a Kubeflow run's UUID.
     */
    public String label() {
        if (number != null) {
            return "#" + number;
        }
        if ("airflow".equals(sourceKind) && id.indexOf('/') > 0) {
            return id.substring(id.indexOf('/') + 1);
        }
        if ("kubeflow".equals(sourceKind) && id.length() > 13 && id.charAt(8) == '-') {
            return id.substring(0, 8);
        }
        return id;
    }
}
