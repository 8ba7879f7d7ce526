package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.DatasetIdentity;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.GitCli;
import dev.braid.testing.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile DVC files committed to a real git repository (an alias bomb that stays under the alias
 * cap, nesting 100,000 levels deep, a file past the size cap) are reported as unreadable in the
 * sync's warnings and skipped: the rest of the history still becomes lineage, and every later
 * sync succeeds too.
 */
class HostileDvcFilesTest {
    private static final String GOOD_MD5 = "0cc175b9c0f1b6a831c399e269772661";
    private static final String LATER_MD5 = "92eb5ffee6ae2fec3ad71c777531578f";

    @TempDir
    Path tmp;

    @Test
    void hostileFilesAreReportedOnceAndTheRestOfTheHistoryStillCounts() throws Exception {
        GitCli git = new GitCli(tmp.resolve("repo"));
        Files.createDirectories(git.dir().resolve(".dvc"));
        git.run("init", "-q");
        Files.writeString(git.dir().resolve(".dvc/config"), "[core]\n");
        Files.writeString(git.dir().resolve("good.csv.dvc"), dvcFile(GOOD_MD5, "good.csv"));
        git.commitAll("Track good.csv");

        Files.writeString(git.dir().resolve("dvc.lock"), aliasBomb());
        Files.writeString(git.dir().resolve("deep.csv.dvc"), "outs: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        Files.writeString(git.dir().resolve("blocks.csv.dvc"), "outs:\n  " + "- ".repeat(100_000) + "x\n");
        Files.writeString(git.dir().resolve("huge.csv.dvc"), "# " + "x".repeat(DvcFiles.MAX_FILE_CHARS) + "\n");
        git.commitAll("Hostile files");

        Files.writeString(git.dir().resolve("later.csv.dvc"), dvcFile(LATER_MD5, "later.csv"));
        git.commitAll("Track later.csv");

        try (AppContext app = AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC())) {
            Source source = app.repositories().add(git.dir().toString(), "hostile", TestContexts.quiet());
            SyncRun first = app.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
            assertEquals(SyncOutcome.SUCCEEDED, first.outcome(), String.valueOf(first.error()));
            List<String> warnings = first.warnings();
            assertEquals(4, warnings.size(), warnings.toString());
            for (String file : List.of("dvc.lock", "deep.csv.dvc", "blocks.csv.dvc", "huge.csv.dvc")) {
                assertTrue(warnings.stream().anyMatch(w -> w.startsWith("DVC file not read: " + file + ":")
                        && w.contains("\"Hostile files\"")), file + " in " + warnings);
            }
            String location = git.dir().toString();
            assertTrue(app.lineage().exists(DatasetIdentity.fromDvc(location, "good.csv", "", false).versionId(GOOD_MD5)));
            assertTrue(app.lineage().exists(DatasetIdentity.fromDvc(location, "later.csv", "", false).versionId(LATER_MD5)),
                    "the history after the hostile commit still counts");

            SyncRun second = app.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
            assertEquals(SyncOutcome.SUCCEEDED, second.outcome(), "one hostile file never fails a later sync");
            assertEquals(4, second.warnings().size());
        }
    }

    private static String dvcFile(String md5, String path) {
        return "outs:\n- md5: " + md5 + "\n  size: 1\n  hash: md5\n  path: " + path + "\n";
    }

    /** Nine levels of five aliases: 45 aliases, under the cap, standing for 5^9 (about two million) items. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            String p = "*l" + (level - 1);
            yaml.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", p, p, p, p, p)).append("]\n");
        }
        return yaml.append("schema: '2.0'\nstages:\n  train:\n    cmd: *l9\n    deps: *l9\n    outs: *l9\n").toString();
    }
}
