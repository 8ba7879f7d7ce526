package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.sync.Source;
import dev.braid.sync.SyncJob;
import dev.braid.sync.SyncOutcome;
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

    static boolean allSucceeded(List<SyncRun> runs) {
        return runs.stream().allMatch(run -> run.outcome() == SyncOutcome.SUCCEEDED);
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
