package dev.braid.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The window's task runner, but background work waits until {@link #open()}: a view can be seen
 * while its data is still being read, as on a slow disk or a large cache.
 */
public final class GatedTaskRunner implements TaskRunner, AutoCloseable {
    private final FxTaskRunner delegate = new FxTaskRunner(2);
    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        delegate.run(() -> {
            gate.await(60, TimeUnit.SECONDS);
            return work.call();
        }, onSuccess, onFailure);
    }

    @Override
    public void onUiThread(Runnable action) {
        delegate.onUiThread(action);
    }

    /** Lets the held work, and all later work, run. */
    public void open() {
        gate.countDown();
    }

    @Override
    public void close() {
        gate.countDown();
        delegate.close();
    }
}
