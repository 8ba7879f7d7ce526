package dev.braid.experiments;

import dev.braid.sync.Source;
import dev.braid.sync.SourceCleanup;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What removing an MLflow source takes away besides its rows (experiments, runs, histories,
 * registry, stars and pending edits cascade): the artifacts fetched from it for previewing. The
 * store or server itself is never touched. The audit log keeps its lines: it is a record of what
 * was done, not a cache.
 */
final class MlflowCleanup implements SourceCleanup {
    private final Path artifactsDir;

    MlflowCleanup(Path artifactsDir) {
        this.artifactsDir = artifactsDir.toAbsolutePath().normalize();
    }

    @Override
    public String kind() {
        return ExperimentService.KIND;
    }

    @Override
    public List<String> cached(Connection c, Source source) throws SQLException {
        List<String> out = new ArrayList<>();
        count(c, "SELECT count(*) FROM experiments WHERE source_id = ?", source, "experiment", "experiments", out);
        count(c, "SELECT count(*) FROM runs WHERE source_id = ?", source, "run", "runs", out);
        count(c, "SELECT count(*) FROM registered_models WHERE source_id = ?", source, "registered model",
                "registered models", out);
        count(c, "SELECT count(*) FROM outbox WHERE source_id = ? AND state = 'PENDING'", source,
                "edit not sent to MLflow yet", "edits not sent to MLflow yet", out);
        return out;
    }

    private static void count(Connection c, String sql, Source source, String one, String many, List<String> out)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, source.id());
            try (ResultSet rs = st.executeQuery()) {
                long n = rs.next() ? rs.getLong(1) : 0;
                if (n > 0) {
                    out.add(String.format("%,d %s", n, n == 1 ? one : many));
                }
            }
        }
    }

    @Override
    public void remove(Connection c, Source source) {
        // Every MLflow table references sources(id) ON DELETE CASCADE.
    }

    @Override
    public List<Path> ownedFiles(Source source) {
        return List.of(artifactsDir.resolve(Long.toString(source.id())));
    }
}
