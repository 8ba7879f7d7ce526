package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.ui.GitFixture;
import dev.braid.ui.QueuedTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WelcomeViewModelTest {
    @TempDir
    Path temp;
    private AppContext context;
    private QueuedTaskRunner runner;
    private SyncStatusViewModel sync;
    private final List<String> shown = new ArrayList<>();
    private final Navigator navigator = new Navigator() {
        @Override
        public void show(Page page) {
            shown.add(page.id());
        }

        @Override
        public void openRepository(long repoId, String hash) {
            shown.add("repository " + repoId);
        }
    };

    @BeforeEach
    void open() throws Exception {
        context = GitFixture.open(temp.resolve("braid"));
        runner = new QueuedTaskRunner();
        sync = new SyncStatusViewModel(context.sources(), context.syncRuns(), context.syncEngine(), runner);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private WelcomeViewModel model(DemoOpener demo) {
        return new WelcomeViewModel(new AddSourceViewModel(context.repositories(), sync, runner), sync, navigator, demo, runner);
    }

    @Test
    void openingARepositoryFolderAddsItAndShowsIt() throws Exception {
        Path repository = GitFixture.mergeRepository(temp.resolve("project"));
        WelcomeViewModel model = model(null);

        model.openFolder(repository.toString());

        long id = context.sources().list().get(0).id();
        assertEquals(List.of("repository " + id), shown);
        assertFalse(model.demoAvailable());
    }

    @Test
    void openingAFolderThatIsNotARepositorySaysWhy() {
        WelcomeViewModel model = model(null);

        model.openFolder(temp.toString());

        assertFalse(model.addSource().errorProperty().get().isEmpty());
        assertTrue(shown.isEmpty());
        assertTrue(context.sources().list().isEmpty());
    }

    @Test
    void theDemoRunsThenSyncsAndShowsTheRepositories() throws Exception {
        Path repository = GitFixture.mergeRepository(temp.resolve("demo"));
        WelcomeViewModel model = model(progress -> {
            progress.progress(-1, "writing");
            context.repositories().add(repository.toString(), "demo", progress);
        });

        model.openDemo();
        runner.drainUntil(() -> !sync.syncingProperty().get() && !sync.statuses().isEmpty()
                && "up to date".equals(sync.statuses().get(0).state()));

        assertEquals(List.of("repositories"), shown);
        assertFalse(model.demoBusyProperty().get());
    }

    @Test
    void aDemoThatFailsSaysSoAndStaysOnTheWelcomePage() {
        WelcomeViewModel model = model(progress -> {
            throw new java.io.IOException("disk full");
        });

        model.openDemo();

        assertTrue(model.messageProperty().get().contains("disk full"));
        assertTrue(shown.isEmpty());
    }
}
