package dev.braid.pipelines;

import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.pipelines.definitions.KubeflowSpecHistory;
import dev.braid.pipelines.definitions.KubeflowSpecVersion;
import dev.braid.repos.AfterIndex;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;

/**
 * After an indexed repository synced, finds the Kubeflow pipeline specs in its history
 * ({@link KubeflowSpecHistory}), keeps their versions for matching runs against, and asserts
 * commit → definition version for each (ADR 28), replacing what the repository asserted before,
 * in one transaction. Then {@code afterwards} lets the Kubeflow sources link their runs to the
 * versions they ran, since a run may be cached before the repository that defines it.
 */
public final class KubeflowDefinitionLineage implements AfterIndex {
    private final Database db;
    private final LineageService lineage;
    private final Runnable afterwards;

    /** @param afterwards run after a repository's definition versions changed (the Kubeflow sources' run links) */
    public KubeflowDefinitionLineage(Database db, LineageService lineage, Runnable afterwards) {
        this.db = db;
        this.lineage = lineage;
        this.afterwards = afterwards;
    }

    /** The source name a repository's definition edges are recorded under. */
    public static String assertedBy(String repositorySource) {
        return "kfp:" + repositorySource;
    }

    /** {@code pipeline-definition:<repository key>:<path>@<digest, 16 digits>}: one node per content of a definition file. */
    public static NodeId version(String repoKey, String path, String digest) {
        return NodeId.of(PipelineLineage.DEFINITION, repoKey + ":" + path + "@" + digest.substring(0, Math.min(16, digest.length())));
    }

    static String label(String name, String path) {
        return (name == null ? path : name) + " (" + path + ")";
    }

    @Override
    public void indexed(Source source, Repository repository, String location, Set<String> tips, SyncContext context)
            throws IOException {
        List<KubeflowSpecVersion> history = new KubeflowSpecHistory(repository).read(tips);
        boolean had = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM kubeflow_definition_versions WHERE repo_id = ? LIMIT 1")) {
                st.setLong(1, source.id());
                return st.executeQuery().next();
            }
        });
        if (history.isEmpty() && !had) {
            return;
        }
        String repoKey = LineageIds.repoKey(location);
        String by = assertedBy(source.name());
        GraphChanges.Builder changes = GraphChanges.builder();
        for (KubeflowSpecVersion v : history) {
            NodeId commit = LineageIds.commitForKey(repoKey, v.sha());
            NodeId version = version(repoKey, v.path(), v.digest());
            changes.node(commit, v.sha().substring(0, 10));
            changes.node(version, label(v.name(), v.path()), Map.of("path", v.path(), "specDigest", v.digest()));
            changes.edge(commit, version, PipelineLineage.DEFINES, by, v.committedAt());
        }
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM kubeflow_definition_versions WHERE repo_id = ?")) {
                st.setLong(1, source.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO kubeflow_definition_versions(repo_id, repo_key,"
                    + " path, spec_hash, name, sha, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (KubeflowSpecVersion v : history) {
                    st.setLong(1, source.id());
                    st.setString(2, repoKey);
                    st.setString(3, v.path());
                    st.setString(4, v.digest());
                    st.setString(5, v.name());
                    st.setString(6, v.sha());
                    st.setLong(7, v.committedAt().toEpochMilli());
                    st.addBatch();
                }
                st.executeBatch();
            }
            lineage.replace(c, by, changes.build());
            return null;
        });
        afterwards.run();
    }
}
