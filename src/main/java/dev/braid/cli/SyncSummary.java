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

    /**
     * {@code succeeded: 12 added, 0 changed, 0 removed}, with {@code , 2 warnings (braid -v shows them)}
     * when there were any; {@code stale: …} with the reason when a remote could not be reached and
     * the local copy was indexed; or {@code failed: <why>}.
     */
    static String describe(SyncRun run) {
        String outcome = run.outcome().name().toLowerCase();
        if (run.usable()) {
            SyncCounts counts = run.counts();
            String line = outcome + ": " + counts.added() + " added, " + counts.changed() + " changed, "
                    + counts.removed() + " removed";
            if (run.outcome() == SyncOutcome.STALE && !run.warnings().isEmpty()) {
                // The first warning of a stale run is why it is stale (the remote that could not be reached).
                line += " from the local copy; " + run.warnings().get(0);
                return line + more(run.warnings().size() - 1);
            }
            return line + more(run.warnings().size());
        }
        return run.error() == null ? outcome : outcome + ": " + TerminalText.value(run.error());
    }

    private static String more(int warnings) {
        return warnings == 0 ? "" : " (" + warnings + (warnings == 1 ? " warning" : " warnings")
                + ": braid -v prints them, the sync log keeps them)";
    }
}
