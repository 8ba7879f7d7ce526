package dev.braid.cli;

import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;

/** One line that says how a sync ended. */
final class SyncSummary {
    private SyncSummary() {
    }

    /**
     * After a source's first sync failed: it is kept (it may well sync later, once the server is up
     * or the credentials are set), and here is how to retry or drop it.
     */
    static void keptAfterFailure(CliEnvironment env, dev.braid.sync.Source source) {
        env.err().println("braid: " + source.name() + " was added but its first sync failed; it is kept."
                + " Retry with: braid sync " + source.name() + "; or remove it with: braid source remove " + source.name());
    }

    /** {@code succeeded: 12 added, 0 changed, 0 removed} or {@code failed: <why>}. */
    static String describe(SyncRun run) {
        String outcome = run.outcome().name().toLowerCase();
        if (run.outcome() == SyncOutcome.SUCCEEDED) {
            SyncCounts counts = run.counts();
            return outcome + ": " + counts.added() + " added, " + counts.changed() + " changed, "
                    + counts.removed() + " removed";
        }
        return run.error() == null ? outcome : outcome + ": " + run.error();
    }
}
