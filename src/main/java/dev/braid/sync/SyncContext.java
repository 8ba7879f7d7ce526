package dev.braid.sync;

import java.util.concurrent.CancellationException;

/** What a running sync can tell its caller, and how it learns it should stop. */
public interface SyncContext {
    /** Reports progress; {@code fraction} is 0..1, or negative when unknown. */
    void progress(double fraction, String message);

    boolean isCancelled();

    /**
     * Reports a problem that did not stop the sync (a file it could not read and skipped, a
     * remote it could not reach): kept with the run in the sync log and logged as a warning, so
     * {@code braid -v} prints it.
     */
    default void warn(String message) {
    }

    /**
     * Says that the sync brought in only what it could reach locally (a repository's own history
     * while its remote is unreachable): the run ends {@link SyncOutcome#STALE} instead of
     * succeeding, with {@code reason} among its warnings.
     */
    default void markStale(String reason) {
    }

    /** Throws {@link CancellationException} once the user has cancelled; call between steps. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
