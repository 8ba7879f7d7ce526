package dev.braid.pipelines;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * One pipeline service's API as the {@link PipelineSyncer} uses it: list runs (newest or
 * most recently changed first, as cheaply as the API allows), read a run's jobs, read one run
 * again, and fetch a job's log. Implementations talk HTTP; they keep no state between syncs
 * except through the cursor they are handed.
 */
public interface RunSource {
    /**
     * Lists runs: every run when {@code request.full()}, else at least every run created or changed
     * since {@code request.since()}. Each listed run carries what the listing says (at least its id,
     * version and status); {@link #details} fills the rest.
     */
    void list(ListRequest request, Consumer<RunData> each) throws PipelineException;

    /** Completes a listed run with its jobs (and whatever else the listing left out). */
    RunData details(RunData listed) throws PipelineException;

    /**
     * Reads one run again (one the cache holds as unfinished that the listing did not name).
     * Empty when the source no longer has it; {@link Reread#unchanged()} when it answered that
     * nothing changed since {@code etag}.
     */
    Reread reread(String runId, String etag) throws PipelineException;

    /**
     * The pipelines the last {@link #list} saw (an orchestrator's DAGs: paused or not, their tasks),
     * published with the runs; null for a source that has none of its own (CI services), which
     * leaves the cached ones alone.
     */
    default java.util.List<SourcePipeline> pipelines() {
        return null;
    }

    /** A job's log, at most {@code capBytes} of it (the end kept: that is where failures are). */
    JobLog log(String runId, String jobId, long capBytes) throws PipelineException;

    /** The answer to {@link #reread}. */
    record Reread(Optional<RunData> run, boolean unchanged) {
        public static Reread gone() {
            return new Reread(Optional.empty(), false);
        }

        public static Reread notModified() {
            return new Reread(Optional.empty(), true);
        }

        public static Reread of(RunData run) {
            return new Reread(Optional.of(run), false);
        }
    }
}
