package dev.braid.repos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import dev.braid.testing.GitCli;
import dev.braid.testing.SyntheticHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a syncing JVM at random moments (SIGKILL, no shutdown hooks) and checks that the cache is
 * always sound, never shows half a sync, and that the next syncs end exactly where an
 * uninterrupted sync ends.
 */
class RepoSyncCrashSystemTest {
    private static final long SEED = 20261128L;

    @TempDir
    Path tmp;

    @Test
    void killedSyncsLeaveASoundCacheAndResumeToTheSameState() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        GitCli git = new GitCli(repo);
        git.run("init", "-q");
        SyntheticHistory.append(repo, "main", 30_000, 40, 1_600_000_000L, false);
        Path killed = tmp.resolve("killed");
        Random random = new Random(SEED);

        List<Integer> visibleCounts = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            killAfter(killed, repo, 600 + random.nextInt(2_500));
            visibleCounts.add(checkSound(killed));
        }
        // Rewrite part of the history and add more, then crash again during the incremental sync.
        git.run("branch", "-D", "side-3", "side-10");
        git.run("update-ref", "refs/heads/main", "refs/heads/main~3");
        SyntheticHistory.append(repo, "main", 2_000, 40, 1_700_000_000L, true);
        for (int round = 0; round < 3; round++) {
            killAfter(killed, repo, 400 + random.nextInt(1_500));
            visibleCounts.add(checkSound(killed));
        }
        runToEnd(killed, repo);
        runToEnd(tmp.resolve("clean"), repo);

        assertEquals(snapshot(tmp.resolve("clean")), snapshot(killed));
        assertEquals(git.log().size(), Integer.parseInt(snapshot(killed).get(0)));
        for (int visible : visibleCounts) {
            assertTrue(visible == 0 || visible == 30_000 || visible == git.log().size(),
                    "a reader only ever sees whole syncs, saw " + visible + " commits");
        }
    }

    private static Process child(Path data, Path repo) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classPath, SyncUntilKilled.class.getName(), data.toString(), repo.toString())
                .redirectErrorStream(true).redirectOutput(data.getParent().resolve(data.getFileName() + ".log").toFile())
                .start();
    }

    private static void killAfter(Path data, Path repo, long millis) throws Exception {
        Process process = child(data, repo);
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static void runToEnd(Path data, Path repo) throws Exception {
        Process process = child(data, repo);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "sync finishes");
        assertEquals(0, process.exitValue(), Files.readString(data.getParent().resolve(data.getFileName() + ".log")));
    }

    /** Integrity check passes; returns how many commits readers can see. */
    private static int checkSound(Path data) throws Exception {
        if (!Files.exists(data.resolve("cache.db"))) {
            return 0;
        }
        try (Database db = Database.open(data.resolve("cache.db"))) {
            assertEquals("ok", db.integrityCheck());
            return db.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT COUNT(*) FROM commits c JOIN repositories r ON r.source_id = c.repo_id"
                                + " WHERE c.id <= r.published_id")) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            });
        }
    }

    /** Visible commit count, then every visible commit and ref with everything but row ids. */
    private static List<String> snapshot(Path data) throws Exception {
        try (Database db = Database.open(data.resolve("cache.db"))) {
            return db.read(c -> {
                List<String> out = new ArrayList<>();
                try (Statement st = c.createStatement()) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM commits c JOIN repositories r"
                            + " ON r.source_id = c.repo_id WHERE c.id <= r.published_id")) {
                        rs.next();
                        out.add(rs.getString(1));
                    }
                    try (ResultSet rs = st.executeQuery("SELECT hash, parents, author_name, author_time, committer_name,"
                            + " commit_time, subject, message, sort_key FROM commits ORDER BY hash")) {
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= 9; i++) {
                                row.append(rs.getString(i)).append('|');
                            }
                            out.add(row.toString());
                        }
                    }
                    try (ResultSet rs = st.executeQuery("SELECT name, kind, target, tag_object, symbolic FROM refs ORDER BY name")) {
                        while (rs.next()) {
                            out.add("ref " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                                    + rs.getString(4) + " " + rs.getString(5));
                        }
                    }
                    try (ResultSet rs = st.executeQuery("SELECT health, head_ref, head_commit, commit_count FROM repositories")) {
                        while (rs.next()) {
                            out.add("repo " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                        }
                    }
                }
                return out;
            });
        }
    }
}
