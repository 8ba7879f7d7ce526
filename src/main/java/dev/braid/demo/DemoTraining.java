package dev.braid.demo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the demo's models were trained: the {@code train} job of the CI pipeline of a commit, as
 * {@link DemoPipelines} wrote it, so that {@link DemoMlflowStore} can place the MLflow runs that job
 * logged inside its time window and tag them as GitLab CI does ({@code CI_PIPELINE_ID},
 * {@code CI_JOB_ID}). Also when each commit's pipelines (CI and Airflow DAG runs) ended, or that one
 * still runs, so that runs logged by hand start outside them.
 */
final class DemoTraining {
    /** A {@code train} job: its pipeline's id and number, its own id, and when it ran. */
    record Job(String runId, long number, String jobId, long start, long end, boolean running) {
    }

    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, Long> pipelineEnds = new HashMap<>();
    private final Map<String, Long> pipelinesRunning = new HashMap<>();

    /**
     * How many MLflow runs the demo's CI trains at each commit: a baseline run where
     * {@link DemoMlflowStore} puts one, a sweep (its parent and eight trials) where it puts one.
     */
    static Map<String, Integer> runsTrainedInCi(List<DemoMlflowStore.Commit> commits) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < DemoMlflowStore.BASELINE_RUNS; i++) {
            out.merge(DemoMlflowStore.pick(commits, i, DemoMlflowStore.BASELINE_RUNS).id(), 1, Integer::sum);
        }
        for (int sweep = 0; sweep < DemoMlflowStore.SWEEPS_RUN; sweep++) {
            out.merge(DemoMlflowStore.pick(commits, sweep, DemoMlflowStore.SWEEPS_RUN).id(), 1 + DemoMlflowStore.TRIALS,
                    Integer::sum);
        }
        return out;
    }

    void trained(String commit, Job job) {
        jobs.put(commit, job);
    }

    void pipelineEnded(String commit, long at) {
        pipelineEnds.merge(commit, at, Math::max);
    }

    /** The train job that trained the models of {@code commit}, if CI did. */
    Optional<Job> of(String commit) {
        return Optional.ofNullable(jobs.get(commit));
    }

    /** {@code commit}'s pipeline, created at {@code created}, has not ended: runs by hand started before it. */
    void pipelineStillRunning(String commit, long created) {
        pipelinesRunning.merge(commit, created, Math::min);
    }

    /** When the still-running pipeline of {@code commit} was created; null when none runs. */
    Long runningPipelineCreated(String commit) {
        return pipelinesRunning.get(commit);
    }

    /** When the last pipeline of {@code commit} ended; null without one, or while it still runs. */
    Long pipelineEnd(String commit) {
        return pipelineEnds.get(commit);
    }
}
