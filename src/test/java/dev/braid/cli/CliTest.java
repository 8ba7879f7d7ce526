package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void versionPrintsTheBuildVersion() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("--version"));
        assertTrue(cli.out().matches("braid \\d+\\.\\d+\\.\\d+.*\\R"), cli.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"repo", "--help"}, {"repo", "add", "--help"},
                {"repo", "list", "--help"}, {"repo", "log", "--help"}, {"sync", "--help"}, {"status", "--help"},
                {"demo", "--help"}, {"gui", "--help"}, {"cache", "--help"}, {"cache", "reset", "--help"},
                {"mlflow", "--help"}, {"mlflow", "add", "--help"}, {"runs", "--help"}, {"runs", "list", "--help"},
                {"runs", "compare", "--help"}, {"runs", "tag", "--help"}, {"models", "--help"},
                {"models", "list", "--help"}, {"lineage", "--help"}, {"lineage", "import", "--help"},
                {"lineage", "serve", "--help"}, {"lineage", "show", "--help"}, {"lineage", "path", "--help"},
                {"lineage", "impact", "--help"}, {"lineage", "label", "--help"}, {"lineage", "export", "--help"},
                {"source", "--help"}, {"source", "list", "--help"}, {"source", "rename", "--help"},
                {"source", "remove", "--help"}, {"source", "pause", "--help"}, {"source", "resume", "--help"}}) {
            CliRun cli = new CliRun(home);
            assertEquals(0, cli.run(args), String.join(" ", args));
            assertTrue(cli.out().startsWith("Usage: braid"), cli.out());
            assertEquals("", cli.err());
        }
    }

    @Test
    void helpAndVersionWriteNothingToDisk() {
        new CliRun(home).run("--help");
        new CliRun(home).run("--version");
        assertFalse(Files.exists(home.resolve("data")));
    }

    @Test
    void noCommandOpensTheWindowOnTheDefaultDataFolder() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run());
        assertEquals(1, cli.windowsOpened.size());
        assertEquals(home.resolve("data/braid"), cli.windowsOpened.get(0).dataDir());
        assertFalse(cli.explicitDataDirs.get(0));
    }

    @Test
    void dataDirAloneOpensTheWindowOnThatFolder() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("--data-dir", home.resolve("elsewhere").toString()));
        assertEquals(home.resolve("elsewhere"), cli.windowsOpened.get(0).dataDir());
        assertTrue(cli.explicitDataDirs.get(0));
    }

    @Test
    void guiCommandOpensTheWindow() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("--data-dir", home.resolve("d").toString(), "gui"));
        assertEquals(1, cli.windowsOpened.size());
    }

    @Test
    void linuxNeedsAnXOrWaylandDisplayUnlessHeadless() {
        assertFalse(BraidCommand.displayAvailable(Map.of(), "Linux", null));
        assertTrue(BraidCommand.displayAvailable(Map.of("DISPLAY", ":1"), "Linux", null));
        assertTrue(BraidCommand.displayAvailable(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null));
        assertTrue(BraidCommand.displayAvailable(Map.of(), "Linux", "Monocle"));
        assertTrue(BraidCommand.displayAvailable(Map.of(), "Mac OS X", null));
    }

    @Test
    void unknownCommandIsBadUsage() {
        CliRun cli = new CliRun(home);
        assertEquals(2, cli.run("frobnicate"));
        assertTrue(cli.err().contains("braid: Unmatched argument"), cli.err());
        assertTrue(cli.err().contains("Try 'braid --help'"), cli.err());
        assertEquals("", cli.out());
        assertTrue(cli.windowsOpened.isEmpty());
    }

    @Test
    void missingArgumentIsBadUsage() {
        CliRun cli = new CliRun(home);
        assertEquals(2, cli.run("repo", "log"));
        assertTrue(cli.err().contains("NAME"), cli.err());
        assertTrue(cli.err().contains("Try 'braid repo log --help'"), cli.err());
    }

    @Test
    void limitMustBePositive() {
        CliRun cli = new CliRun(home);
        assertEquals(2, cli.run("repo", "log", "x", "--limit", "0"));
        assertTrue(cli.err().contains("--limit must be at least 1"), cli.err());
    }

    @Test
    void refAndAllExcludeEachOther() {
        CliRun cli = new CliRun(home);
        assertEquals(2, cli.run("repo", "log", "x", "--ref", "main", "--all"));
        assertTrue(cli.err().contains("cannot be used together"), cli.err());
    }

    @Test
    void repoWithoutSubcommandIsBadUsage() {
        CliRun cli = new CliRun(home);
        assertEquals(2, cli.run("repo"));
    }

    @Test
    void statusOfAFreshCacheIsAnEmptyJsonArray() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("--data-dir", home.resolve("d").toString(), "status", "--json"));
        assertEquals("[ ]", cli.out().strip());
        assertTrue(Files.isRegularFile(home.resolve("d/logs/braid-0.log")));
    }

    @Test
    void unknownSourceIsBadUsage() {
        CliRun cli = new CliRun(home);
        assertEquals(2, cli.run("--data-dir", home.resolve("d").toString(), "sync", "nope"));
        assertTrue(cli.err().contains("unknown source: nope"), cli.err());
    }

    @Test
    void unknownRepositoryIsBadUsage() {
        CliRun cli = new CliRun(home);
        assertEquals(2, cli.run("--data-dir", home.resolve("d").toString(), "repo", "log", "nope"));
        assertTrue(cli.err().contains("unknown repository: nope"), cli.err());
    }

    @Test
    void addingAMissingFolderFailsAndAddsNothing() {
        String dataDir = home.resolve("d").toString();
        CliRun cli = new CliRun(home);
        assertEquals(1, cli.run("--data-dir", dataDir, "repo", "add", home.resolve("missing").toString()));
        assertTrue(cli.err().startsWith("braid: "), cli.err());
        CliRun list = new CliRun(home);
        assertEquals(0, list.run("--data-dir", dataDir, "repo", "list", "--json"));
        assertEquals("[ ]", list.out().strip());
    }

    @Test
    void damagedCacheIsExplainedAndCanBeMovedAside() throws IOException {
        Path dataDir = home.resolve("d");
        Files.createDirectories(dataDir);
        Files.write(dataDir.resolve("cache.db"), "this is not a database, just some text".repeat(200).getBytes());

        CliRun status = new CliRun(home);
        assertEquals(1, status.run("--data-dir", dataDir.toString(), "status"));
        assertTrue(status.err().contains("The cache file is damaged."), status.err());
        assertTrue(status.err().contains("cache reset"), status.err());

        CliRun reset = new CliRun(home);
        assertEquals(0, reset.run("--data-dir", dataDir.toString(), "cache", "reset"));
        assertTrue(reset.out().contains("Moved the cache aside"), reset.out());
        try (var files = Files.list(dataDir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("cache.db.broken-")));
        }

        CliRun after = new CliRun(home);
        assertEquals(0, after.run("--data-dir", dataDir.toString(), "status", "--json"));
    }

    @Test
    void aDataFolderThatIsAFileIsReportedPlainly() throws IOException {
        Path file = Files.writeString(home.resolve("a-file"), "x");
        CliRun cli = new CliRun(home);
        assertEquals(1, cli.run("--data-dir", file.toString(), "status"));
        assertEquals("braid: not a folder: " + file + System.lineSeparator(), cli.err());
    }

    @Test
    void resetLeavesAHealthyCacheAlone() {
        String dataDir = home.resolve("d").toString();
        new CliRun(home).run("--data-dir", dataDir, "status");
        CliRun reset = new CliRun(home);
        assertEquals(0, reset.run("--data-dir", dataDir, "cache", "reset"));
        assertTrue(reset.err().contains("opens fine"), reset.err());
        assertTrue(Files.exists(home.resolve("d/cache.db")));
    }
}
