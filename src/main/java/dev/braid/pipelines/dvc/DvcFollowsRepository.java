package dev.braid.pipelines.dvc;

import dev.braid.pipelines.PipelineService;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.Source;
import dev.braid.sync.SourceCleanup;
import dev.braid.sync.SourceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dvc} sources of a repository go with it (docs/decisions/0032-dvc-pipeline-runs.md):
 * removing the repository removes them (with what their own cleanups take along); renaming it
 * makes them follow the new name, and one named {@code dvc:OLD} is renamed {@code dvc:NEW}.
 */
public final class DvcFollowsRepository implements SourceCleanup {
    private final SourceStore sources;
    private final List<SourceCleanup> dvcCleanups;

    /** {@code dvcCleanups}: what removing or renaming a {@code dvc} source takes along. */
    public DvcFollowsRepository(SourceStore sources, List<SourceCleanup> dvcCleanups) {
        this.sources = sources;
        this.dvcCleanups = List.copyOf(dvcCleanups);
    }

    @Override
    public String kind() {
        return RepositoryService.KIND;
    }

    @Override
    public List<String> cached(Connection c, Source source) throws SQLException {
        return following(c, source.name()).stream().map(s -> "the DVC pipeline source " + s.name()).toList();
    }

    @Override
    public void remove(Connection c, Source source) throws SQLException {
        for (Source dvc : following(c, source.name())) {
            for (SourceCleanup cleanup : dvcCleanups) {
                cleanup.remove(c, dvc);
            }
            sources.delete(c, dvc.id());
        }
    }

    @Override
    public void renamed(Connection c, Source before, Source after) throws SQLException {
        for (Source dvc : following(c, before.name())) {
            Map<String, String> config = new LinkedHashMap<>(dvc.config());
            config.put("repository", after.name());
            sources.saveConfig(c, dvc.id(), config);
            String newName = "dvc:" + after.name();
            if (dvc.name().equals("dvc:" + before.name()) && !sources.nameTaken(c, newName)) {
                sources.rename(c, dvc.id(), newName);
                for (SourceCleanup cleanup : dvcCleanups) {
                    cleanup.renamed(c, dvc, dvc.withName(newName));
                }
            }
        }
    }

    private List<Source> following(Connection c, String repository) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM sources WHERE kind = ?")) {
            st.setString(1, PipelineService.DVC_KIND);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        List<Source> all = new ArrayList<>();
        for (long id : ids) {
            sources.find(c, id).ifPresent(all::add);
        }
        return RepositoryDvcPipeline.following(all, repository);
    }
}
