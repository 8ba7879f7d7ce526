package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.app.AppContext;
import dev.braid.store.SettingsStore;
import dev.braid.ui.GitFixture;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellViewModelTest {
    @TempDir
    Path temp;
    private AppContext context;
    private ScheduledExecutorService scheduler;

    @BeforeEach
    void open() throws Exception {
        context = GitFixture.open(temp.resolve("braid"));
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        context.close();
    }

    private ShellViewModel model(SettingsKeeper keeper) {
        return new ShellViewModel(context.sources(), keeper, new ImmediateTaskRunner());
    }

    @Test
    void firstStartWithoutSourcesShowsTheWelcomePage() {
        ShellViewModel model = model(new SettingsKeeper(context.settings(), scheduler, Duration.ZERO));

        model.start();

        assertEquals(Page.WELCOME, model.pageProperty().get());
    }

    @Test
    void laterStartsReturnToTheScreenShownLast() throws Exception {
        GitFixture.addAndSync(context, GitFixture.mergeRepository(temp.resolve("project")));
        SettingsKeeper keeper = new SettingsKeeper(context.settings(), scheduler, Duration.ofMillis(10));
        model(keeper).show(Page.SYNC_LOG);
        keeper.flush();

        ShellViewModel next = model(new SettingsKeeper(new SettingsStore(context.settings().file()), scheduler, Duration.ZERO));
        next.start();

        assertEquals(Page.SYNC_LOG, next.pageProperty().get());
    }

    @Test
    void openingARepositoryShowsTheRepositoriesScreen() {
        ShellViewModel model = model(new SettingsKeeper(context.settings(), scheduler, Duration.ofHours(1)));
        long[] opened = new long[1];
        model.setRepositoryOpener((repoId, hash) -> opened[0] = repoId);

        model.openRepository(7, "abc");

        assertEquals(Page.REPOSITORIES, model.pageProperty().get());
        assertEquals(7, opened[0]);
    }
}
