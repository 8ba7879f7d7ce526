package dev.braid.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs work at once on the calling thread, like {@link ImmediateTaskRunner}, but queues what other
 * threads (syncs) hand to the UI thread until the test drains it on its own thread.
 */
public final class QueuedTaskRunner implements TaskRunner {
    private final Thread owner = Thread.currentThread();
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final ImmediateTaskRunner immediate = new ImmediateTaskRunner();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        immediate.run(work, onSuccess, onFailure);
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Thread.currentThread() == owner) {
            action.run();
        } else {
            queue.add(action);
        }
    }

    /** Runs queued actions on this thread until {@code done} holds; fails after ten seconds. */
    public void drainUntil(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
            if (done.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(20);
        }
    }
}
