package dev.braid.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work on the calling thread and delivers its result at once. View model tests use it so
 * they need neither a toolkit nor waiting.
 */
public final class ImmediateTaskRunner implements TaskRunner {

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
