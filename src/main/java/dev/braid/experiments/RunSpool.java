package dev.braid.experiments;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs one sync has read, kept in a temporary file until the sync writes them in its one
 * transaction. A first sync of 20,000 runs held as records took about 90 MB of heap, and the
 * serial collector sizes the heap at twice or more what it holds, so a whole first sync needed
 * about 500 MB; here only the run ids stay in memory. The cache is untouched until the write,
 * so a failed sync still leaves it as it was. A run added twice (overlapping searches, pages that
 * shifted) is kept once, its last reading, in the order its id was first seen.
 *
 * <p>Safe for the searches that add runs side by side. Closing deletes the file.
 */
final class RunSpool implements AutoCloseable {
    private static final String PREFIX = "braid-mlflow-runs-";
    private static final String SUFFIX = ".spool";
    /** A spool older than this was left by a sync that was killed. */
    static final Duration LEFTOVER_AGE = Duration.ofDays(1);
    private final Path file;
    private final RandomAccessFile data;
    /** Run id to the offset of its last record, in the order ids were first added. */
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private final DataOutputStream out = new DataOutputStream(buffer);
    private long end;

    /**
     * Deletes this user's spools in {@code folder} untouched for {@link #LEFTOVER_AGE}: a sync
     * killed with {@code kill -9} cannot delete its own, and a running sync writes its spool
     * page after page, so one that old belongs to no running sync.
     */
    static void sweepLeftovers(Path folder, Instant now) {
        try (DirectoryStream<Path> spools = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
            for (Path spool : spools) {
                try {
                    if (Files.isRegularFile(spool, LinkOption.NOFOLLOW_LINKS) && Files.isWritable(spool)
                            && Files.getLastModifiedTime(spool).toInstant().isBefore(now.minus(LEFTOVER_AGE))) {
                        Files.deleteIfExists(spool);
                    }
                } catch (IOException | SecurityException ignored) {
                    // Another user's file, or one gone already: not ours to remove.
                }
            }
        } catch (IOException | SecurityException ignored) {
            // An unreadable temporary folder leaves leftovers in place; the sync itself goes on.
        }
    }

    private RunSpool(Path file) throws IOException {
        this.file = file;
        this.data = new RandomAccessFile(file.toFile(), "rw");
    }

    /**
     * A spool in a new temporary file, readable by this user only. Spools that a killed sync left
     * behind are removed first.
     */
    static RunSpool create() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        sweepLeftovers(folder, Instant.now());
        try {
            Path file = Files.createTempFile(folder, PREFIX, SUFFIX);
            try {
                return new RunSpool(file);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary file for the runs being synced", e);
        }
    }

    /** Adds {@code run}, replacing an earlier reading of the same run id. */
    synchronized void add(RemoteRun run) {
        try {
            buffer.reset();
            RunRecords.write(out, run);
            out.flush();
            long offset = end;
            data.seek(offset);
            data.writeInt(buffer.size());
            data.write(buffer.toByteArray(), 0, buffer.size());
            end = offset + Integer.BYTES + buffer.size();
            offsets.put(run.runId(), offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the runs being synced in " + file, e);
        }
    }

    /** Adds every run of {@code runs}. */
    void addAll(List<RemoteRun> runs) {
        for (RemoteRun run : runs) {
            add(run);
        }
    }

    synchronized boolean contains(String runId) {
        return offsets.containsKey(runId);
    }

    synchronized int size() {
        return offsets.size();
    }

    /** The run ids held, in the order they were first added (a view; do not add while using it). */
    synchronized Set<String> runIds() {
        return Collections.unmodifiableSet(offsets.keySet());
    }

    /** Hands each run to {@code action}, one read back at a time, in the order of {@link #runIds()}. */
    <E extends Exception> void forEach(RunAction<E> action) throws E {
        List<Long> order;
        synchronized (this) {
            order = new ArrayList<>(offsets.values());
        }
        for (long offset : order) {
            action.accept(read(offset));
        }
    }

    /** What {@link #forEach} does with each run; may throw the caller's own checked exception. */
    @FunctionalInterface
    interface RunAction<E extends Exception> {
        void accept(RemoteRun run) throws E;
    }

    private synchronized RemoteRun read(long offset) {
        try {
            data.seek(offset);
            byte[] bytes = new byte[data.readInt()];
            data.readFully(bytes);
            return RunRecords.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the runs being synced from " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            data.close();
        } catch (IOException ignored) {
            // The file is deleted next; a close that failed changes nothing for the cache.
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary file left behind holds only what the server serves anyway.
        }
    }
}
