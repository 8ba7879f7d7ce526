package dev.braid.sync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One sync in flight: its latest progress, its result, and a way to cancel it. */
public final class SyncJob {
    private final Source source;
    private final CompletableFuture<SyncRun> result = new CompletableFuture<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile double fraction = -1;
    private volatile String message = "waiting";

    SyncJob(Source source) {
        this.source = source;
    }

    public Source source() {
        return source;
    }

    /** Completes with the finished run, whatever its outcome; never completes exceptionally. */
    public CompletableFuture<SyncRun> result() {
        return result;
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public double fraction() {
        return fraction;
    }

    public String message() {
        return message;
    }

    void progress(double fraction, String message) {
        this.fraction = fraction;
        this.message = message;
    }

    void complete(SyncRun run) {
        result.complete(run);
    }
}
