package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Settings;
import dev.braid.store.SettingsStore;
import dev.braid.ui.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsKeeperTest {
    @TempDir
    Path temp;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void savesOnlyAfterChangesPauseOrWhenFlushed() {
        SettingsStore store = new SettingsStore(temp.resolve("settings.json"));
        SettingsKeeper keeper = new SettingsKeeper(store, scheduler, Duration.ofHours(1));

        keeper.update(s -> s.withTableColumns("history", "subject=300"));
        keeper.update(s -> s.withLastView("sync-log"));
        assertFalse(Files.exists(store.file()), "nothing is written while changes may still come");

        keeper.flush();
        assertEquals("sync-log", store.load().lastView());
        assertEquals("subject=300", store.load().tableColumns().get("history"));
    }

    @Test
    void settingsScreenChangesIntervalAndThemeAndReschedulesTheSync() {
        SettingsStore store = new SettingsStore(temp.resolve("settings.json"));
        SettingsKeeper keeper = new SettingsKeeper(store, scheduler, Duration.ofHours(1));
        PeriodicSync periodic = new PeriodicSync(scheduler, () -> { });
        SettingsViewModel model = new SettingsViewModel("/data", keeper, periodic);
        assertEquals(5, model.syncIntervalMinutesProperty().get());

        model.syncIntervalMinutesProperty().set(15);
        model.themeProperty().set(Theme.DARK);
        assertTrue(periodic.active());
        model.syncIntervalMinutesProperty().set(0);
        assertFalse(periodic.active(), "0 turns periodic sync off");

        assertEquals(50, model.artifactCapMbProperty().get());
        model.artifactCapMbProperty().set(120);
        assertEquals(120, keeper.current().artifactCapMb());
        model.artifactCapMbProperty().set(-3);
        assertEquals(Settings.DEFAULT_ARTIFACT_CAP_MB, model.artifactCapMbProperty().get(), "out of range is put back");

        keeper.flush();
        assertEquals(Settings.DEFAULT_ARTIFACT_CAP_MB, store.load().artifactCapMb());
        model.artifactCapMbProperty().set(120);
        keeper.flush();
        assertEquals(120, store.load().artifactCapMb());
        assertEquals(200, model.logCapMbProperty().get());
        model.logCapMbProperty().set(30);
        model.logCapMbProperty().set(0);
        assertEquals(Settings.DEFAULT_LOG_CAP_MB, model.logCapMbProperty().get(), "out of range is put back");
        model.logCapMbProperty().set(30);
        keeper.flush();
        assertEquals(30, store.load().logCapMb());
        assertEquals(0, store.load().syncIntervalMinutes());
        assertEquals("dark", store.load().theme());
        assertEquals("/data", model.dataDir());
    }
}
