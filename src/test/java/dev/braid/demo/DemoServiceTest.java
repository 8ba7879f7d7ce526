package dev.braid.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.repos.CommitRow;
import dev.braid.repos.HistoryQuery;
import dev.braid.repos.RepoSummary;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoServiceTest {
    private static final SyncContext QUIET = new SyncContext() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    @Test
    void theDemoBecomesASourceWhoseHistorySyncs(@TempDir Path home) throws Exception {
        DataDirectories dirs = new DataDirectories(home.resolve("data"), home.resolve("config"));
        try (AppContext app = AppContext.open(dirs, Clock.systemUTC())) {
            DemoService demo = new DemoService(app.repositories());
            Source source = demo.open(home.resolve("demo"), QUIET);
            assertEquals(DemoService.SOURCE_NAME, source.name());

            SyncRun run = app.syncEngine().start(source, SyncListener.NONE).result().get(60, TimeUnit.SECONDS);
            assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
            RepoSummary summary = app.repositories().find(source.id()).orElseThrow();
            assertTrue(summary.commitCount() >= 270, "commits: " + summary.commitCount());
            List<CommitRow> page = app.repositories().history(HistoryQuery.all(source.id()), 0, 50);
            assertEquals(50, page.size());
            assertTrue(page.stream().anyMatch(CommitRow::isMerge));

            Source second = demo.open(home.resolve("demo-again"), QUIET);
            assertEquals(DemoService.SOURCE_NAME + "-2", second.name());
            assertFalse(second.id() == source.id());
        }
    }
}
