package dev.braid.repos;

import dev.braid.store.Database;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes batches of commit rows on its own thread, so that walking the repository and writing the
 * cache overlap; at most two batches wait at any time, which bounds memory. The walk makes the
 * rows itself: on two cores the writer, not the walk, was the slower of the two (ADR 33).
 */
final class BatchWriter implements AutoCloseable {
    private static final int MAX_WAITING = 2;
    private final Database db;
    private final CommitStore commits;
    private final long repoId;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "braid-index-writer");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Future<Integer>> waiting = new ArrayDeque<>();
    private long added;

    BatchWriter(Database db, CommitStore commits, long repoId) {
        this.db = db;
        this.commits = commits;
        this.repoId = repoId;
    }

    /** Hands over rows the walk has made; this thread writes them in one transaction. */
    void submit(List<IndexedCommit> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        waiting.add(thread.submit(() -> db.write(c -> commits.insert(c, repoId, rows))));
        while (waiting.size() > MAX_WAITING) {
            added += await(waiting.poll());
        }
    }

    /** Waits for every batch; returns how many commits were new. */
    long finish() throws IOException {
        while (!waiting.isEmpty()) {
            added += await(waiting.poll());
        }
        return added;
    }

    private static int await(Future<Integer> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing commits", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        // Batches already handed over finish (each is one transaction); nothing new starts.
        thread.shutdown();
    }
}
