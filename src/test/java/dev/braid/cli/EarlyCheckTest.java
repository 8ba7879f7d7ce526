package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.app.Logging;
import dev.braid.store.CacheCheck;
import dev.braid.store.Migrations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The answer check a read command starts before it is built ({@link EarlyCheck}), on real caches. */
class EarlyCheckTest {
    @TempDir
    Path home;

    @Test
    void theWordsNamingACommandAndTheDataFolderAreReadAsPicocliReadsThem() {
        assertEquals("repo log", Cli.commandWords("--data-dir", "/tmp/d", "-v", "repo", "log", "big", "--limit", "50"));
        assertEquals("status", Cli.commandWords("--data-dir=/tmp/d", "status", "--json"));
        assertEquals("lineage", Cli.commandWords("lineage", "--help"));
        assertEquals("", Cli.commandWords("--data-dir", "/tmp/d"));
        assertEquals(Path.of("/tmp/d"), Cli.dataDirArgument("--data-dir", "/tmp/d", "repo", "log", "x"));
        assertEquals(Path.of("/tmp/e"), Cli.dataDirArgument("--verbose", "--data-dir=/tmp/e", "status"));
        // After the command word, --data-dir is the command's argument (and picocli's to refuse), not the folder.
        assertNull(Cli.dataDirArgument("status", "--data-dir", "/tmp/d"));
    }

    @Test
    void everyCommandCheckedEarlyIsARealCommand() {
        CommandLine root = new Cli(environment()).commandLine();
        for (String words : List.of("status", "repo list", "repo log", "runs list", "runs compare", "models list",
                "lineage show", "lineage impact", "lineage path", "lineage export")) {
            assertNotNull(AnswerCheck.tablesOf(words), words);
            CommandLine command = root;
            for (String word : words.split(" ")) {
                command = command.getSubcommands().get(word);
                assertNotNull(command, words);
            }
        }
        assertNull(AnswerCheck.tablesOf("repo add"));
        assertNull(AnswerCheck.tablesOf(""));
    }

    @Test
    void aCheckOfTheSameFileAndTablesAtTheCurrentSchemaIsTakenAndAnyOtherIsNot() throws Exception {
        Path data = home.resolve("data");
        DataDirectories dirs = cacheIn(data);
        int latest = Migrations.bundled().latestVersion();
        try (EarlyCheck early = EarlyCheck.start(environment(), "--data-dir", data.toString(), "repo", "log", "x")) {
            Path file = dirs.cacheFile();
            assertEquals(Optional.of(List.of()), early.findings(file, true, latest, AnswerCheck.HISTORY));
            assertEquals(Optional.empty(), early.findings(file, true, latest - 1, AnswerCheck.HISTORY), "a migration ran since");
            assertEquals(Optional.empty(), early.findings(file, false, latest, AnswerCheck.HISTORY), "another kind of check");
            assertEquals(Optional.empty(), early.findings(file, true, latest, AnswerCheck.RUNS), "other tables");
            assertEquals(Optional.empty(), early.findings(home.resolve("other.db"), true, latest, AnswerCheck.HISTORY));
        }
    }

    @Test
    void aCacheReplacedSinceTheEarlyCheckIsCheckedAgain() throws Exception {
        Path data = home.resolve("data");
        DataDirectories dirs = cacheIn(data);
        Path file = dirs.cacheFile();
        Path other = Files.copy(file, home.resolve("other.db"));
        int latest = Migrations.bundled().latestVersion();
        try (EarlyCheck early = EarlyCheck.start(environment(), "--data-dir", data.toString(), "status")) {
            assertEquals(Optional.of(List.of()), early.findings(file, true, latest, AnswerCheck.STATUS));
            // Another process's cache reset: the old file moved aside, another put in its place.
            Files.move(file, home.resolve("moved-aside.db"));
            Files.move(other, file);
            assertEquals(Optional.empty(), early.findings(file, true, latest, AnswerCheck.STATUS));
        }
    }

    @Test
    void theLoggingSetUpBeforeTheCheckIsTakenOnlyByACommandThatWantsTheSame() throws Exception {
        Path data = home.resolve("data");
        DataDirectories dirs = cacheIn(data);
        DataDirectories asResolved = DataDirectories.resolve(data, environment().env());
        try (EarlyCheck early = EarlyCheck.start(environment(), "--data-dir", data.toString(), "-v", "status")) {
            assertTrue(early.loggedFor(asResolved, true));
            assertEquals(Logging.currentLogFile(asResolved), early.logFile());
            assertFalse(early.loggedFor(asResolved, false), "without --verbose, no warnings on stderr");
            assertFalse(early.loggedFor(DataDirectories.resolve(home.resolve("other"), environment().env()), true));
        }
        assertFalse(EarlyCheck.NONE.loggedFor(dirs, false));
    }

    @Test
    void nothingStartsWithoutACacheOrForACommandThatChecksNothingEarly() {
        Path data = home.resolve("empty");
        assertSame(EarlyCheck.NONE, EarlyCheck.start(environment(), "--data-dir", data.toString(), "status"));
        assertFalse(Files.exists(data), "the early check creates nothing");
        assertSame(EarlyCheck.NONE, EarlyCheck.start(environment(), "--version"));
        assertSame(EarlyCheck.NONE, EarlyCheck.start(environment(), "--data-dir", data.toString(), "repo", "add", "x"));
    }

    @Test
    void theCheckBeforeOpeningReadsTheSchemaVersionAndFindsASoundCacheSound() throws Exception {
        DataDirectories dirs = cacheIn(home.resolve("data"));
        CacheCheck.Early early = CacheCheck.beforeOpen(dirs.cacheFile(), false, "sources", "sync_runs");
        assertNotNull(early);
        assertEquals(Migrations.bundled().latestVersion(), early.schemaVersion());
        assertEquals(List.of(), early.findings());
        Path notSqlite = Files.writeString(home.resolve("not.db"), "this is no SQLite file, and long enough to have a header".repeat(4));
        assertNull(CacheCheck.beforeOpen(notSqlite, false, "sources"), "the command then checks, and says, as always");
    }

    @Test
    void anIndexThatNoLongerMatchesItsTableIsFoundBeforeOpening() throws Exception {
        Path data = home.resolve("data");
        assertEquals(ExitCodes.OK, new CliRun(home).run("--data-dir", data.toString(), "status"));
        Path file = data.resolve("cache.db");
        CacheFaultsTest.leadIndexAstray(file);
        CacheCheck.Early early = CacheCheck.beforeOpen(file, true, AnswerCheck.STATUS.toArray(String[]::new));
        assertNotNull(early);
        assertTrue(early.findings().get(0).startsWith("sync_runs: row 1 missing from index sync_runs_by_source"),
                early.findings().toString());
        assertEquals(List.of(), CacheCheck.beforeOpen(file, false, AnswerCheck.STATUS.toArray(String[]::new)).findings(),
                "the quick check does not compare indexes with their tables");
    }

    /** A real cache, made as every command makes it, in {@code data}. */
    private DataDirectories cacheIn(Path data) throws Exception {
        DataDirectories dirs = new DataDirectories(data, home.resolve("config"));
        try (AppContext context = AppContext.open(dirs, Clock.systemUTC())) {
            assertNotNull(context.sources());
        }
        return dirs;
    }

    private CliEnvironment environment() {
        PrintWriter discard = new PrintWriter(new StringWriter());
        return new CliEnvironment(discard, discard, Map.of("HOME", home.toString()), Clock.systemUTC(), (dirs, explicit) -> { });
    }
}
