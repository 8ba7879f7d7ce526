package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheProblem;
import dev.braid.store.ImpossibleValueException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncJob;
import dev.braid.sync.SyncRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Syncs some sources at once and waits for all of them, with progress on stderr. Interrupting the
 * command (Ctrl+C) cancels the syncs, so they are recorded as cancelled rather than interrupted.
 */
final class SyncBatch {
    private static final long CANCEL_GRACE_SECONDS = 5;
    private final CliEnvironment environment;

    SyncBatch(CliEnvironment environment) {
        this.environment = environment;
    }

    /** Runs the syncs, paused sources too (the caller chose them); returns their runs in the order of {@code sources}. */
    List<SyncRun> run(AppContext context, List<Source> sources) {
        SyncProgress progress = new SyncProgress(environment.err(), System::nanoTime);
        List<SyncJob> jobs = new ArrayList<>();
        for (Source source : sources) {
            jobs.add(context.syncEngine().start(source, progress));
        }
        Thread cancelOnExit = new Thread(() -> cancelAndWait(jobs), "braid-cancel-syncs");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        try {
            List<SyncRun> runs = new ArrayList<>();
            for (SyncJob job : jobs) {
                runs.add(job.result().join());
            }
            return runs;
        } finally {
            removeHook(cancelOnExit);
        }
    }

    /**
     * After syncs that failed on the cache itself (a full disk, a damaged file...), says once what
     * is wrong and what to do; each run's line only carries its own error.
     */
    static void explainCacheFailures(BraidCommand root, List<SyncRun> runs) {
        java.util.Set<CacheProblem> seen = java.util.EnumSet.noneOf(CacheProblem.class);
        for (SyncRun run : runs) {
            String error = run.error();
            if (run.usable() || error == null) {
                continue;
            }
            for (CacheProblem problem : CacheProblem.values()) {
                if (error.contains(problem.summary()) && seen.add(problem)) {
                    CacheDiagnosis.problem(root.environment().err(), root, problem, null);
                }
            }
            if (error.contains(ImpossibleValueException.PREFIX) && seen.add(CacheProblem.CORRUPT)) {
                CacheDiagnosis.impossibleValue(root.environment().err(), root, error);
            }
        }
    }

    /** Whether every sync did its work; a stale one (remote unreachable, local copy indexed) counts, with its warning. */
    static boolean allSucceeded(List<SyncRun> runs) {
        return runs.stream().allMatch(SyncRun::usable);
    }

    private static void cancelAndWait(List<SyncJob> jobs) {
        jobs.forEach(SyncJob::cancel);
        for (SyncJob job : jobs) {
            try {
                job.result().get(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                return;
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already stopping; the hook is running or about to.
        }
    }
}
