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
                .withTableColumns("history", "graph:120,subject:400").withArtifactCapMb(200)
                .withReceiver(new Settings.Receiver("0.0.0.0", 6060, "OL_TOKEN")).withLogCapMb(350);
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
    void theArtifactCapIs50MbUnlessChosenAndStaysInRange() throws Exception {
        assertEquals(50, Settings.defaults().artifactCapMb());
        assertEquals(50L * 1024 * 1024, Settings.defaults().artifactCapBytes());
        assertEquals(1, Settings.defaults().withArtifactCapMb(1).artifactCapMb());
        assertEquals(50, Settings.defaults().withArtifactCapMb(0).artifactCapMb());
        assertEquals(Settings.MAX_ARTIFACT_CAP_MB, Settings.defaults().withArtifactCapMb(1_000_000).artifactCapMb());
        // A settings file written before the cap was a setting keeps its other choices and gets the default cap.
        SettingsStore store = new SettingsStore(tmp.resolve("old.json"));
        Files.writeString(store.file(), "{\"syncIntervalMinutes\": 15, \"theme\": \"dark\", \"tableColumns\": {}}");
        Settings old = store.load();
        assertEquals(15, old.syncIntervalMinutes());
        assertEquals("dark", old.theme());
        assertEquals(50, old.artifactCapMb());
    }

    @Test
    void theJobLogCapIs200MbUnlessChosenAndStaysInRange() throws Exception {
        assertEquals(200, Settings.defaults().logCapMb());
        assertEquals(200L * 1024 * 1024, Settings.defaults().logCapBytes());
        assertEquals(1, Settings.defaults().withLogCapMb(1).logCapMb());
        assertEquals(200, Settings.defaults().withLogCapMb(-5).logCapMb());
        assertEquals(Settings.MAX_LOG_CAP_MB, Settings.defaults().withLogCapMb(1_000_000).logCapMb());
        // A settings file written before the log cap was a setting keeps its other choices and gets the default.
        SettingsStore store = new SettingsStore(tmp.resolve("before-logs.json"));
        Files.writeString(store.file(), "{\"syncIntervalMinutes\": 15, \"artifactCapMb\": 80}");
        Settings old = store.load();
        assertEquals(80, old.artifactCapMb());
        assertEquals(Settings.DEFAULT_LOG_CAP_MB, old.logCapMb());
        store.save(old.withLogCapMb(64));
        assertEquals(64, store.load().logCapMb());
        assertEquals(true, Files.readString(store.file()).contains("\"logCapMb\" : 64"));
    }

    @Test
    void theReceiverListensOn127001Port5050WithoutATokenUnlessChosen() throws Exception {
        assertEquals(new Settings.Receiver("127.0.0.1", 5050, null), Settings.defaults().receiver());
        assertEquals(new Settings.Receiver("127.0.0.1", 5050, null), new Settings.Receiver(" ", 0, ""));
        assertEquals(5050, new Settings.Receiver("127.0.0.1", 70_000, null).port());
        // A settings file written before the receiver had settings keeps its other choices.
        SettingsStore store = new SettingsStore(tmp.resolve("older.json"));
        Files.writeString(store.file(), "{\"syncIntervalMinutes\": 15, \"artifactCapMb\": 80}");
        Settings old = store.load();
        assertEquals(80, old.artifactCapMb());
        assertEquals(Settings.Receiver.DEFAULT, old.receiver());
    }

    @Test
    void unknownThemesFallBackToSystem() {
        assertEquals("system", Settings.defaults().withTheme("neon").theme());
    }
}
