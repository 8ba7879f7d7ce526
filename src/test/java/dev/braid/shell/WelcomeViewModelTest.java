package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.repos.ui.GitSourceForms;
import dev.braid.ui.GitFixture;
import dev.braid.ui.QueuedTaskRunner;
import dev.braid.ui.sources.SourceForms;
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
    private final List<String> dialogs = new ArrayList<>();
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
        SourceForms forms = new SourceForms().register(GitSourceForms.GROUP).register(GitSourceForms.folder(context.repositories()));
        return new WelcomeViewModel(forms, sync, navigator, demo, runner, dialogs::add);
    }

    @Test
    void eachFamilyOfSourcesOpensTheAddSourceDialogOnIt() {
        WelcomeViewModel model = model(null);

        assertEquals(List.of("git"), model.groups().stream().map(g -> g.id()).toList());
        model.add(model.groups().get(0));

        assertEquals(List.of("git"), dialogs);
        assertFalse(model.demoAvailable());
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
    void aDemoThatFailsSaysSoInWordsAndStaysOnTheWelcomePage() {
        WelcomeViewModel model = model(progress -> {
            throw new java.nio.file.AccessDeniedException("/data/demo");
        });

        model.openDemo();

        assertEquals("Could not create the demo workspace: permission denied: /data/demo", model.messageProperty().get());
        assertTrue(shown.isEmpty());
    }
}
