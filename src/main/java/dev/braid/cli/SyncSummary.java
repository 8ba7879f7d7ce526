package dev.braid.cli;

import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;

/** One line that says how a sync ended. */
final class SyncSummary {
    private SyncSummary() {
    }

    /** {@code succeeded: 12 added, 0 changed, 0 removed} or {@code failed: <why>}. */
    static String describe(SyncRun run) {
        String outcome = run.outcome().name().toLowerCase();
        if (run.outcome() == SyncOutcome.SUCCEEDED) {
            SyncCounts counts = run.counts();
            return outcome + ": " + counts.added() + " added, " + counts.changed() + " changed, "
                    + counts.removed() + " removed";
        }
        return run.error() == null ? outcome : outcome + ": " + TerminalText.value(run.error());
    }
}
