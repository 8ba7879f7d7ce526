package dev.braid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsEverySetting() throws Exception {
        SettingsStore store = new SettingsStore(tmp.resolve("config/settings.json"));
        Settings settings = Settings.defaults().withSyncIntervalMinutes(15).withTheme("dark")
                .withWindow(new Settings.WindowBounds(10, 20, 1200, 800, false)).withLastView("repositories")
                .withTableColumns("history", "graph:120,subject:400");
        store.save(settings);
        assertEquals(settings, store.load());
    }

    @Test
    void aMissingOrBrokenFileGivesDefaults() throws Exception {
        SettingsStore store = new SettingsStore(tmp.resolve("settings.json"));
        assertEquals(Settings.defaults(), store.load());
        Files.writeString(store.file(), "{ not json");
        assertEquals(Settings.defaults(), store.load());
    }

    @Test
    void unknownThemesFallBackToSystem() {
        assertEquals("system", Settings.defaults().withTheme("neon").theme());
    }
}
