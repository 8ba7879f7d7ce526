package dev.braid.sync;

import java.util.concurrent.CancellationException;

/** What a running sync can tell its caller, and how it learns it should stop. */
public interface SyncContext {
    /** Reports progress; {@code fraction} is 0..1, or negative when unknown. */
    void progress(double fraction, String message);

    boolean isCancelled();

    /** Throws {@link CancellationException} once the user has cancelled; call between steps. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
