package dev.braid.experiments.ui;

import java.util.List;

/**
 * The CI jobs that logged a run, as links into the Pipelines view: "job train of pipeline #342".
 * The window supplies them when it has pipeline sources; without, no run has any.
 */
public interface CiRunLinks {
    /** A CI job that logged a run: what to call it, and (for {@link #open}) where it is. */
    record Job(String label, String status, String source, String runId, String jobId, boolean inferred) {
    }

    /** The jobs that logged run {@code runId} of MLflow source {@code sourceId}; reads the cache, off the UI thread. */
    List<Job> jobsThatLogged(long sourceId, String runId) throws Exception;

    /** Shows the job's pipeline run and the job in the Pipelines view; called on the UI thread. */
    void open(Job job);

    /** For windows without pipelines: no run was logged by CI. */
    CiRunLinks NONE = new CiRunLinks() {
        @Override
        public List<Job> jobsThatLogged(long sourceId, String runId) {
            return List.of();
        }

        @Override
        public void open(Job job) {
        }
    };
}
