package dev.braid.shell;

import dev.braid.sync.Source;
import dev.braid.sync.SyncOutcome;
import dev.braid.ui.Formats;
import java.time.Instant;

/**
 * What the window says about one source: how its last sync ended (null before the first), when it
 * last succeeded and why it last failed, whether it is paused, and whether a sync is running now.
 */
public record SourceStatus(Source source, SyncOutcome lastOutcome, Instant lastSuccess, String lastError,
                           Instant lastAttempt, boolean running) {

    /** How a source is doing, as the status bar's dot shows it. */
    public enum Health {
        /** The last sync succeeded. */
        OK,
        SYNCING,
        /** Added but never synced, or paused: nothing is wrong, nothing is fresh either. */
        IDLE,
        /** The remote could not be reached; what is shown is the cached copy. */
        UNREACHABLE,
        /** The last sync failed for a reason retrying will not fix (credentials, bad data...). */
        FAILED
    }

    public long sourceId() {
        return source.id();
    }

    public String name() {
        return source.name();
    }

    public boolean paused() {
        return source.paused();
    }

    /** The last sync could not reach the remote; what is shown is the cached copy (or the local one, when stale). */
    public boolean offline() {
        return !running && (lastOutcome == SyncOutcome.UNREACHABLE || lastOutcome == SyncOutcome.STALE);
    }

    /** True when the source has never synced successfully and its last attempt failed: it holds nothing yet. */
    public boolean neverSynced() {
        return lastSuccess == null;
    }

    public Health health() {
        if (running) {
            return Health.SYNCING;
        }
        if (lastOutcome == null) {
            return Health.IDLE;
        }
        return switch (lastOutcome) {
            case SUCCEEDED -> source.paused() ? Health.IDLE : Health.OK;
            case UNREACHABLE, STALE -> Health.UNREACHABLE;
            case FAILED -> Health.FAILED;
            case RUNNING -> Health.SYNCING;
            case CANCELLED, INTERRUPTED -> lastSuccess == null || source.paused() ? Health.IDLE : Health.OK;
        };
    }

    /** A few words: "up to date", "syncing", "unreachable", "sync failed", "paused"... */
    public String state() {
        if (running) {
            return "syncing";
        }
        if (source.paused()) {
            return "paused";
        }
        if (lastOutcome == null) {
            return "not synced yet";
        }
        return switch (lastOutcome) {
            case SUCCEEDED -> "up to date";
            case UNREACHABLE -> "unreachable";
            case STALE -> "unreachable, local copy indexed";
            case FAILED -> lastSuccess == null ? "first sync failed" : "sync failed";
            case CANCELLED -> "sync cancelled";
            case INTERRUPTED -> "sync interrupted";
            case RUNNING -> "syncing";
        };
    }

    /**
     * The whole story for a tooltip: state, when it last succeeded, what went wrong and what the
     * window shows meanwhile.
     */
    public String details(Instant now) {
        StringBuilder text = new StringBuilder(name()).append(" (").append(source.kind()).append("): ").append(state());
        text.append("\nLast success: ").append(lastSuccess == null ? "never" : Formats.ago(lastSuccess, now));
        if (lastError != null && !lastError.isBlank() && health() != Health.OK && !running) {
            text.append("\nLast problem: ").append(lastError);
        }
        if (health() == Health.UNREACHABLE && lastSuccess != null) {
            text.append("\nShowing the data cached ").append(Formats.ago(lastSuccess, now)).append("; the next sync tries again.");
        }
        if (source.paused()) {
            text.append("\nPaused: left out of Sync now and the periodic sync.");
        }
        String where = source.location();
        if (!where.isEmpty()) {
            text.append("\n").append(where);
        }
        return text.toString();
    }

    public SourceStatus withRunning(boolean value) {
        return new SourceStatus(source, lastOutcome, lastSuccess, lastError, lastAttempt, value);
    }
}
