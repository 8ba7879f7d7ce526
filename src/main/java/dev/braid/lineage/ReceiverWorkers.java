package dev.braid.lineage;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The receiver's worker threads, with deadlines. The JDK's HTTP server reads a request's line and
 * headers, and the handler its body, on a worker, with no read timeout of its own: a client that
 * connects and then trickles bytes (or sends nothing) holds a worker for as long as it likes. Here
 * a watchdog interrupts a worker still reading after the deadline, which closes that connection
 * (its channel is interruptible); once the body is in, the event is stored without interruption.
 * With {@link #THREADS} workers a few stalled clients never keep the others waiting.
 */
final class ReceiverWorkers implements Executor, AutoCloseable {
    /** Workers: far more than the clients that stall at once in practice, few enough to cost nothing idle. */
    static final int THREADS = 16;
    /** How often the watchdog looks. */
    static final long TICK_MILLIS = 200;
    private final ExecutorService pool;
    private final ScheduledExecutorService watchdog;
    private final Set<Task> running = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Task> current = new ThreadLocal<>();
    private final Duration headers;
    private final Duration body;

    /** How long a client may take to send its request line and headers, and then its body. */
    record Timeouts(Duration headers, Duration body) {
        static final Timeouts STANDARD = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    ReceiverWorkers(Timeouts timeouts) {
        this.headers = timeouts.headers();
        this.body = timeouts.body();
        this.pool = Executors.newFixedThreadPool(THREADS, runnable -> daemon(runnable, "braid-openlineage-receiver"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "braid-openlineage-watchdog"));
        watchdog.scheduleWithFixedDelay(this::interruptLate, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> {
            Task task = new Task(Thread.currentThread(), System.nanoTime() + headers.toNanos());
            current.set(task);
            running.add(task);
            try {
                exchange.run();
            } finally {
                running.remove(task);
                current.remove();
                task.done();
                // An interrupt that arrived as the exchange ended must not reach the next one.
                Thread.interrupted();
            }
        });
    }

    /** The handler starts reading the body: it gets the body's own deadline. */
    void readingBody() {
        Task task = current.get();
        if (task != null) {
            task.deadline(System.nanoTime() + body.toNanos());
        }
    }

    /**
     * The body is read: from here on the worker is never interrupted. False when the watchdog
     * already gave up on this request (the caller then stores nothing).
     */
    boolean processing() {
        Task task = current.get();
        return task == null || task.protect();
    }

    private void interruptLate() {
        long now = System.nanoTime();
        for (Task task : running) {
            task.interruptIfLate(now);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One exchange on one worker; its lock orders the watchdog's interrupt against protection. */
    private static final class Task {
        private final Thread thread;
        private long deadline;
        private boolean protectedNow;
        private boolean interrupted;
        private boolean finished;

        Task(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        synchronized void deadline(long at) {
            deadline = at;
        }

        synchronized boolean protect() {
            protectedNow = true;
            return !interrupted;
        }

        synchronized void done() {
            finished = true;
        }

        synchronized void interruptIfLate(long now) {
            if (!finished && !protectedNow && !interrupted && now - deadline > 0) {
                interrupted = true;
                thread.interrupt();
            }
        }
    }
}
