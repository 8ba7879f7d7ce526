package dev.braid.cli;

import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Prints sync progress on stderr as plain lines ({@code [name] 40% indexing commits}), at most
 * one progress line per source per {@link #MIN_GAP_NANOS} so that pipes and logs stay readable.
 * Called from the sync threads; one lock keeps lines whole.
 */
final class SyncProgress implements SyncListener {
    static final long MIN_GAP_NANOS = 1_000_000_000L;
    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private final Map<Long, Long> lastPrinted = new HashMap<>();

    SyncProgress(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void started(Source source) {
        print(source, "syncing");
    }

    @Override
    public synchronized void progress(Source source, double fraction, String message) {
        long now = nanoTime.getAsLong();
        Long last = lastPrinted.get(source.id());
        if (last != null && now - last < MIN_GAP_NANOS) {
            return;
        }
        lastPrinted.put(source.id(), now);
        print(source, describe(fraction, message));
    }

    @Override
    public synchronized void finished(Source source, SyncRun run) {
        lastPrinted.remove(source.id());
        print(source, SyncSummary.describe(run));
    }

    static String describe(double fraction, String message) {
        String text = message == null ? "" : TerminalText.value(message);
        if (fraction < 0) {
            return text;
        }
        long percent = Math.round(Math.min(1.0, fraction) * 100);
        return text.isEmpty() ? percent + "%" : percent + "% " + text;
    }

    private void print(Source source, String text) {
        err.println("[" + source.name() + "] " + text);
        err.flush();
    }
}
