package dev.braid.testing;

import dev.braid.sync.SyncContext;
import java.util.ArrayList;
import java.util.List;

/** A sync context that is never cancelled and keeps the warnings a syncer reports, and whether it marked the run stale. */
public final class RecordingContext implements SyncContext {
    private final List<String> warnings = new ArrayList<>();
    private String staleReason;

    @Override
    public void progress(double fraction, String message) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public synchronized void warn(String message) {
        warnings.add(message);
    }

    @Override
    public synchronized void markStale(String reason) {
        staleReason = reason;
        warnings.add(reason);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Why the syncer marked the run stale, or null when it did not. */
    public synchronized String staleReason() {
        return staleReason;
    }
}
