package dev.braid.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The way view models get work done off the UI thread and hear back on it. Every cache query and
 * git operation a screen starts goes through here, so the window never freezes.
 */
public interface TaskRunner {

    /**
     * Runs {@code work} in the background, then hands its result to {@code onSuccess} or its
     * failure to {@code onFailure} on the UI thread.
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread; used by listeners that are called from other threads. */
    void onUiThread(Runnable action);

    /** Runs background work whose result nobody waits for; failures are only logged. */
    default void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        }, ignored -> { }, failure -> { });
    }
}
