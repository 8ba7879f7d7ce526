package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.sync.Source;
import dev.braid.sync.SyncOutcome;
import dev.braid.ui.GitFixture;
import dev.braid.ui.QueuedTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddSourceViewModelTest {
    @TempDir
    Path temp;
    private AppContext context;
    private SyncStatusViewModel sync;
    private AddSourceViewModel model;
    private final List<Source> added = new ArrayList<>();
    private QueuedTaskRunner runner;

    @BeforeEach
    void open() throws Exception {
        context = GitFixture.open(temp.resolve("braid"));
        runner = new QueuedTaskRunner();
        sync = new SyncStatusViewModel(context.sources(), context.syncRuns(), context.syncEngine(), runner);
        model = new AddSourceViewModel(context.repositories(), sync, runner);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aFolderThatDoesNotExistIsRefusedAndNothingChanges() {
        model.locationProperty().set(temp.resolve("no-such-folder").toString());

        model.add(added::add);

        assertFalse(model.errorProperty().get().isEmpty());
        assertTrue(added.isEmpty());
        assertTrue(context.sources().list().isEmpty());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void anEmptyLocationIsRefusedWithoutAsking() {
        model.add(added::add);

        assertEquals("Enter the folder of a git repository or a URL to clone.", model.errorProperty().get());
        assertTrue(context.sources().list().isEmpty());
    }

    @Test
    void aRepositoryFolderIsAddedUnderTheGivenNameAndSynced() throws Exception {
        Path repository = GitFixture.mergeRepository(temp.resolve("project"));
        model.locationProperty().set(repository.toString());
        model.nameProperty().set("my project");

        model.add(added::add);

        assertEquals(1, added.size());
        assertEquals("my project", added.get(0).name());
        assertEquals("", model.errorProperty().get());
        runner.drainUntil(() -> !sync.statuses().isEmpty() && "up to date".equals(sync.statuses().get(0).state()));
        assertEquals(SyncOutcome.SUCCEEDED, context.syncRuns().latest(added.get(0).id()).orElseThrow().outcome());
        SourceStatus status = sync.statuses().get(0);
        assertEquals("up to date", status.state());
        assertNotNull(status.lastSuccess());
        assertFalse(sync.offlineProperty().get());
    }

    @Test
    void aUrlIsClonedIntoTheDataFolderWithProgress() throws Exception {
        Path origin = GitFixture.mergeRepository(temp.resolve("origin"));
        model.locationProperty().set(origin.toUri().toString());
        List<String> messages = new ArrayList<>();
        model.progressMessageProperty().addListener((obs, old, now) -> messages.add(now));

        model.add(added::add);

        assertEquals("", model.errorProperty().get());
        assertEquals(1, added.size());
        assertTrue(context.repositories().find(added.get(0).id()).orElseThrow().path()
                .startsWith(context.dirs().clonesDir().toString()));
        assertFalse(messages.isEmpty());
    }

    @Test
    void addingTheSameFolderTwiceSaysSoAndKeepsOneSource() throws Exception {
        Path repository = GitFixture.mergeRepository(temp.resolve("project"));
        model.locationProperty().set(repository.toString());
        model.add(added::add);
        model.add(added::add);

        assertEquals(1, added.size());
        assertTrue(model.errorProperty().get().contains("already added"), model.errorProperty().get());
        assertEquals(1, context.sources().list().size());
    }
}
