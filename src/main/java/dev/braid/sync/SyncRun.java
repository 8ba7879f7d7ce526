package dev.braid.sync;

import java.time.Instant;
import java.util.List;

/**
 * The record of one sync of one source. {@code endedAt} and {@code error} may be null;
 * {@code warnings} are the problems the sync met and went past (oldest first).
 */
public record SyncRun(long id, long sourceId, String sourceName, Instant startedAt, Instant endedAt,
                      SyncOutcome outcome, SyncCounts counts, int attempts, String error, List<String> warnings) {
    public SyncRun {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A run without warnings. */
    public SyncRun(long id, long sourceId, String sourceName, Instant startedAt, Instant endedAt,
                   SyncOutcome outcome, SyncCounts counts, int attempts, String error) {
        this(id, sourceId, sourceName, startedAt, endedAt, outcome, counts, attempts, error, List.of());
    }

    /** Whether the sync did its work: it succeeded, or brought in the local copy of an unreachable remote. */
    public boolean usable() {
        return outcome == SyncOutcome.SUCCEEDED || outcome == SyncOutcome.STALE;
    }
}
