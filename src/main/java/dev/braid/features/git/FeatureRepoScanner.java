package dev.braid.features.git;

import dev.braid.repos.AfterIndex;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;

/**
 * After an indexed repository synced, reads the history of the Feast feature repositories in it
 * ({@link FeatureRepoHistory}) and replaces what the cache held for that repository, in one
 * transaction, then lets {@code afterwards} match it to the catalogue's versions. Repositories
 * without a {@code feature_store.yaml} at HEAD cost one tree walk.
 */
public final class FeatureRepoScanner implements AfterIndex {
    private final Database db;
    private final Runnable afterwards;

    /** @param afterwards run after a repository's definitions were replaced (provenance matching) */
    public FeatureRepoScanner(Database db, Runnable afterwards) {
        this.db = db;
        this.afterwards = afterwards;
    }

    @Override
    public void indexed(Source source, Repository repository, String location, Set<String> tips, SyncContext context)
            throws IOException {
        List<GitDefinition> history = new FeatureRepoHistory(repository).read();
        boolean had = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM feature_git_definitions WHERE repo_id = ? LIMIT 1")) {
                st.setLong(1, source.id());
                return st.executeQuery().next();
            }
        });
        if (history.isEmpty() && !had) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM feature_git_definitions WHERE repo_id = ?")) {
                st.setLong(1, source.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO feature_git_definitions(repo_id, project, view, seq, sha, committed_at, author, subject, path,
                        schema, definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int seq = 0;
                for (GitDefinition d : history) {
                    st.setLong(1, source.id());
                    st.setString(2, d.project());
                    st.setString(3, d.view());
                    st.setInt(4, seq++);
                    st.setString(5, d.sha());
                    st.setLong(6, d.committedAt().toEpochMilli());
                    st.setString(7, d.author());
                    st.setString(8, d.subject());
                    st.setString(9, d.path());
                    st.setString(10, d.schema());
                    st.setString(11, d.definition());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
        afterwards.run();
    }
}
