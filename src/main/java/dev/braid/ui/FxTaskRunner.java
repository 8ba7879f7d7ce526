package dev.braid.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * Runs work on a small pool of daemon threads and delivers results on the JavaFX application
 * thread. This is the only class that calls {@link Platform#runLater}.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FxTaskRunner.class.getName());
    private final ExecutorService executor;

    public FxTaskRunner(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "braid-ui-work-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.log(Level.SEVERE, "uncaught error on " + t.getName(), e));
            return thread;
        });
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        if (executor.isShutdown()) {
            // The window is closing; late requests (a cell scrolled into view) have nobody to answer.
            LOG.fine("ignoring work submitted after close");
            return;
        }
        try {
            executor.execute(() -> work(work, onSuccess, onFailure));
        } catch (RejectedExecutionException e) {
            LOG.fine("ignoring work submitted while closing");
        }
    }

    private <T> void work(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Throwable failure) {
            LOG.log(Level.FINE, "background work failed", failure);
            onUiThread(() -> onFailure.accept(failure));
            return;
        }
        onUiThread(() -> onSuccess.accept(result));
    }

    @Override
    public void onUiThread(Runnable action) {
        Runnable guarded = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                // An error in a result handler must not vanish silently, nor kill the FX thread.
                LOG.log(Level.SEVERE, "error while showing a result", e);
            }
        };
        if (Platform.isFxApplicationThread()) {
            guarded.run();
        } else {
            Platform.runLater(guarded);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
