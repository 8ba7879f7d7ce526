package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.ui.GitFixture;
import dev.braid.ui.QueuedTaskRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncStatusViewModelTest {
    @TempDir
    Path temp;
    private AppContext context;
    private QueuedTaskRunner runner;
    private SyncStatusViewModel model;
    private SyncLogViewModel log;

    @BeforeEach
    void open() throws Exception {
        context = GitFixture.open(temp.resolve("braid"));
        runner = new QueuedTaskRunner();
        model = new SyncStatusViewModel(context.sources(), context.syncRuns(), context.syncEngine(), runner);
        log = new SyncLogViewModel(context.syncRuns(), model, runner);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private void recordRun(Source source, SyncOutcome outcome, String error) {
        long id = context.syncRuns().begin(source.id(), Instant.now());
        context.syncRuns().finish(id, Instant.now(), outcome, SyncCounts.NONE, 1, error);
    }

    @Test
    void anUnreachableSourceIsThatSourcesStateOnlyWithItsProblemInWords() throws Exception {
        Source source = GitFixture.addAndSync(context, GitFixture.mergeRepository(temp.resolve("project")));
        GitFixture.addAndSync(context, GitFixture.linearRepository(temp.resolve("other"), 2));
        recordRun(source, SyncOutcome.UNREACHABLE, "could not reach github.com");

        model.refresh();

        SourceStatus status = model.statuses().stream().filter(s -> s.sourceId() == source.id()).findFirst().orElseThrow();
        assertTrue(status.offline());
        assertEquals("unreachable", status.state());
        assertEquals(SourceStatus.Health.UNREACHABLE, status.health());
        assertTrue(status.lastSuccess() != null, "the last success is still known");
        assertTrue(status.details(Instant.now()).contains("Last problem: could not reach github.com"), status.details(Instant.now()));
        assertTrue(status.details(Instant.now()).contains("Showing the data cached"), status.details(Instant.now()));
        SourceStatus other = model.statuses().stream().filter(s -> s.sourceId() != source.id()).findFirst().orElseThrow();
        assertEquals(SourceStatus.Health.OK, other.health(), "the other source is not dragged into an offline state");
    }

    @Test
    void rowsAreUpdatedInPlaceSoUnchangedOnesStayTheSameObjects() throws Exception {
        Source one = GitFixture.addAndSync(context, GitFixture.mergeRepository(temp.resolve("one")));
        GitFixture.addAndSync(context, GitFixture.linearRepository(temp.resolve("two"), 3));
        model.refresh();
        SourceStatus untouched = model.statuses().get(1);
        List<String> changes = new ArrayList<>();
        model.statuses().addListener((javafx.collections.ListChangeListener<SourceStatus>) change -> changes.add(change.toString()));

        recordRun(one, SyncOutcome.FAILED, "permission denied");
        model.refresh();

        assertEquals(1, changes.size(), changes.toString());
        assertTrue(untouched == model.statuses().get(1), "the unchanged row is the same object");
        assertEquals("sync failed", model.statuses().get(0).state());
        assertTrue(model.loadedProperty().get());
    }

    @Test
    void syncNowSyncsEverySourceAndTheLogListsTheRuns() throws Exception {
        GitFixture.addAndSync(context, GitFixture.mergeRepository(temp.resolve("one")));
        GitFixture.addAndSync(context, GitFixture.linearRepository(temp.resolve("two"), 3));
        log.refresh();
        assertEquals(2, log.runs().size());

        model.syncNow();
        runner.drainUntil(() -> !model.syncingProperty().get() && log.runs().size() == 4);

        assertTrue(log.runs().stream().allMatch(run -> run.outcome() == SyncOutcome.SUCCEEDED));
        assertEquals(2, model.statuses().size());
        assertTrue(model.statuses().stream().allMatch(s -> s.state().equals("up to date")));
    }

    @Test
    void anEmptyLogSaysHowToStart() {
        log.refresh();

        assertTrue(log.runs().isEmpty());
        assertTrue(log.statusProperty().get().contains("Sync now"));
    }

    @Test
    void runsKeepTheirErrorsForTheLog() throws Exception {
        Source source = GitFixture.addAndSync(context, GitFixture.mergeRepository(temp.resolve("project")));
        recordRun(source, SyncOutcome.FAILED, "repository is damaged");

        log.refresh();

        SyncRun newest = log.runs().get(0);
        assertEquals(SyncOutcome.FAILED, newest.outcome());
        assertEquals("repository is damaged", newest.error());
    }
}
