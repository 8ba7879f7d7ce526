package dev.braid.sync;

import java.time.Instant;

/** The record of one sync of one source. {@code endedAt} and {@code error} may be null. */
public record SyncRun(long id, long sourceId, String sourceName, Instant startedAt, Instant endedAt,
                      SyncOutcome outcome, SyncCounts counts, int attempts, String error) {
}
