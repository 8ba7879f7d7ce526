package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SyncProgressTest {
    private final Source source = new Source(7, "git", "app", Map.of(), Instant.EPOCH);
    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong();
    private final SyncProgress progress = new SyncProgress(new PrintWriter(text, true), now::get);

    @Test
    void printsAtMostOneProgressLinePerSecondPerSource() {
        progress.started(source);
        progress.progress(source, 0.1, "indexing");
        now.addAndGet(SyncProgress.MIN_GAP_NANOS / 2);
        progress.progress(source, 0.2, "indexing");
        now.addAndGet(SyncProgress.MIN_GAP_NANOS);
        progress.progress(source, 0.5, "indexing");
        assertEquals(String.join(System.lineSeparator(), "[app] syncing", "[app] 10% indexing", "[app] 50% indexing", ""),
                text.toString());
    }

    @Test
    void unknownFractionShowsOnlyTheMessage() {
        assertEquals("reading refs", SyncProgress.describe(-1, "reading refs"));
        assertEquals("100%", SyncProgress.describe(1.3, null));
    }

    @Test
    void finishSaysHowItEnded() {
        progress.finished(source, new SyncRun(1, 7, "app", Instant.EPOCH, Instant.EPOCH, SyncOutcome.SUCCEEDED,
                new SyncCounts(3, 1, 0), 1, null));
        progress.finished(source, new SyncRun(2, 7, "app", Instant.EPOCH, Instant.EPOCH, SyncOutcome.UNREACHABLE,
                SyncCounts.NONE, 3, "connection refused"));
        assertEquals(String.join(System.lineSeparator(), "[app] succeeded: 3 added, 1 changed, 0 removed",
                "[app] unreachable: connection refused", ""), text.toString());
    }
}
