package dev.braid.repos;

import dev.braid.sync.Source;
import dev.braid.sync.SourceCleanup;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What removing a git repository takes away besides its rows (which cascade): the clone Braid
 * made of it under the data folder, when it was added by URL. A folder the user added is theirs
 * and is never touched.
 */
final class RepoCleanup implements SourceCleanup {
    private final Path clonesDir;

    RepoCleanup(Path clonesDir) {
        this.clonesDir = clonesDir.toAbsolutePath().normalize();
    }

    @Override
    public String kind() {
        return RepositoryService.KIND;
    }

    @Override
    public List<String> cached(Connection c, Source source) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM commits WHERE repo_id = ?")) {
            st.setLong(1, source.id());
            try (ResultSet rs = st.executeQuery()) {
                long commits = rs.next() ? rs.getLong(1) : 0;
                return commits == 0 ? List.of() : List.of(String.format("%,d cached commit%s", commits, commits == 1 ? "" : "s"));
            }
        }
    }

    @Override
    public void remove(Connection c, Source source) {
        // Refs, commits and the repository row reference sources(id) ON DELETE CASCADE.
    }

    @Override
    public List<Path> ownedFiles(Source source) {
        String path = source.config("path");
        if (source.config("url") == null || path == null) {
            return List.of();
        }
        Path folder = Path.of(path).toAbsolutePath().normalize();
        return folder.startsWith(clonesDir) && !folder.equals(clonesDir) ? List.of(folder) : List.of();
    }
}
