package dev.braid.pipelines;

/**
 * A CI job that started an MLflow run, as the lineage graph links them (ADR 8): the pipeline run
 * it belongs to and the job, with their statuses.
 *
 * @param inferred true when the run carried no CI tags and was placed by its commit and start time
 */
public record CiJobRef(String source, String runId, String runLabel, PipelineStatus runStatus, String jobId, String jobName,
                       PipelineStatus jobStatus, boolean inferred) {
    /** "job train of pipeline #342", as a person says it. */
    public String describe() {
        return "job " + jobName + " of pipeline " + runLabel;
    }
}
