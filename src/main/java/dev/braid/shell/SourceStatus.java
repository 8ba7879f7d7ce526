package dev.braid.shell;

import dev.braid.sync.SyncOutcome;
import java.time.Instant;

/**
 * What the status bar says about one source: how its last sync ended (null before the first),
 * when it last succeeded, and whether a sync is running now.
 */
public record SourceStatus(long sourceId, String name, SyncOutcome lastOutcome, Instant lastSuccess,
                           String lastError, boolean running) {

    /** The last sync could not reach the remote; what is shown is the cached copy (or the local one, when stale). */
    public boolean offline() {
        return !running && (lastOutcome == SyncOutcome.UNREACHABLE || lastOutcome == SyncOutcome.STALE);
    }

    public String state() {
        if (running) {
            return "syncing";
        }
        if (lastOutcome == null) {
            return "not synced yet";
        }
        return switch (lastOutcome) {
            case SUCCEEDED -> "up to date";
            case UNREACHABLE -> "offline";
            case STALE -> "offline, local copy indexed";
            case FAILED -> "sync failed";
            case CANCELLED -> "sync cancelled";
            case INTERRUPTED -> "sync interrupted";
            case RUNNING -> "syncing";
        };
    }

    public SourceStatus withRunning(boolean value) {
        return new SourceStatus(sourceId, name, lastOutcome, lastSuccess, lastError, value);
    }
}
