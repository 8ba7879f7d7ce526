package dev.braid.repos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.store.Database;
import dev.braid.sync.SourceStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits written several rows per statement: every row once, in the order given, repeats ignored. */
class CommitStoreInsertTest {
    @TempDir
    Path tmp;

    @Test
    void writesEveryRowInOrderAndCountsOnlyNewOnes() throws Exception {
        try (Database db = Database.open(tmp.resolve("cache.db"))) {
            CommitStore store = new CommitStore(db);
            long repoId = db.write(c -> {
                long id = new SourceStore(db, Clock.systemUTC()).insert(c, "git", "r", Map.of("path", "/r")).id();
                new RepoTable(db).insert(c, id, "/r", null);
                return id;
            });
            // Two whole statements and a shorter last one.
            int count = 2 * CommitStore.ROWS_PER_STATEMENT + 7;
            List<IndexedCommit> first = commits(0, count);
            assertEquals(count, (int) db.write(c -> store.insert(c, repoId, first)));

            // A resumed sync hands over rows already written together with new ones.
            List<IndexedCommit> again = commits(count - 3, count + 5);
            assertEquals(5, (int) db.write(c -> store.insert(c, repoId, again)));
            assertEquals(0, (int) db.write(c -> store.insert(c, repoId, List.of())));

            List<String> stored = db.read(c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT hash, parents, author_name, subject, message, sort_key, commit_tz FROM commits WHERE repo_id = ? ORDER BY id")) {
                    st.setLong(1, repoId);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), Long.toString(rs.getLong(6)), Integer.toString(rs.getInt(7))));
                        }
                    }
                }
                return out;
            });
            List<String> expected = new ArrayList<>();
            for (IndexedCommit commit : commits(0, count + 5)) {
                expected.add(String.join("|", commit.hash(), commit.parents(), commit.authorName(), commit.subject(),
                        commit.message(), Long.toString(commit.sortKey()), Integer.toString(commit.commitTz())));
            }
            assertEquals(expected, stored);
        }
    }

    private static List<IndexedCommit> commits(int from, int to) {
        List<IndexedCommit> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String hash = String.format("%040x", i + 1);
            String parents = i == 0 ? "" : String.format("%040x", i);
            out.add(new IndexedCommit(hash, parents, "author " + i, "a" + i + "@example.org", 1_600_000_000L + i, 60,
                    "committer " + i, "c" + i + "@example.org", 1_600_000_100L + i, -300, "subject " + i,
                    "subject " + i + "\n\nbody " + i, 1_600_000_100L + i));
        }
        return out;
    }
}
