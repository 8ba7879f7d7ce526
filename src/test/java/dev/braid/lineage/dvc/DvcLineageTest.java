package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.DatasetIdentity;
import dev.braid.lineage.Direction;
import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.ReachedNode;
import dev.braid.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lineage a repository's DVC history asserts, from a project the real dvc built. */
class DvcLineageTest {
    private static final String SOURCE = "dvc:project";
    @TempDir
    static Path tmp;
    private static DvcProject project;
    private static List<DvcCommit> history;

    @BeforeAll
    static void build() throws Exception {
        project = DvcProject.build(tmp);
        try (Repository repo = new FileRepositoryBuilder().setGitDir(project.work.resolve(".git").toFile()).build()) {
            history = new DvcHistory(repo).read(List.of(project.commits.get("newData")));
        }
    }

    @Test
    void everyCommitThatChangedDvcFilesOldestFirst() {
        assertEquals(List.of(project.commits.get("added"), project.commits.get("pipeline"), project.commits.get("newData")),
                history.stream().map(DvcCommit::sha).toList());
    }

    @Test
    void eachCommitRunsOnlyTheStagesItReRan() {
        GraphChanges changes = DvcLineage.of(project.work.toString(), SOURCE, history);
        Set<String> runs = changes.edges().stream().map(GraphChanges.EdgeWrite::edge)
                .filter(e -> e.kind().equals(EdgeKind.BUILT_FROM))
                .map(e -> commitName(e.from()) + " " + job(changes, e.to()))
                .collect(Collectors.toSet());
        assertEquals(Set.of("added data/raw.csv.dvc", "pipeline prepare", "pipeline train",
                "newData data/raw.csv.dvc", "newData prepare", "newData train"), runs);
    }

    @Test
    void theRecordedHashesChainDataThroughTheStages() throws Exception {
        try (Database db = Database.open(tmp.resolve("cache.db"))) {
            LineageService lineage = new LineageService(db, Clock.systemUTC());
            lineage.replace(SOURCE, DvcLineage.of(project.work.toString(), SOURCE, history));

            var at = project.md5At.get("newData");
            NodeId raw = version("data/raw.csv", at.get("data/raw.csv"));
            NodeId model = version("model.txt", at.get("model.txt"));
            Set<NodeId> downstream = lineage.closure(raw, Direction.DOWNSTREAM, 10, null).stream()
                    .map(r -> r.node().id()).collect(Collectors.toSet());
            assertTrue(downstream.contains(version("data/prepared.csv", at.get("data/prepared.csv"))), downstream.toString());
            assertTrue(downstream.contains(model), downstream.toString());
            NodeId oldModel = version("model.txt", project.md5At.get("pipeline").get("model.txt"));
            assertFalse(downstream.contains(oldModel), "the new raw data did not make the old model");

            NodeId commit = LineageIds.commit(project.work.toString(), project.commits.get("newData"));
            List<List<NodeId>> paths = lineage.paths(commit, model, 3, null);
            assertFalse(paths.isEmpty(), "commit → train run → model");
            assertEquals(List.of(NodeKind.COMMIT, NodeKind.JOB_RUN, NodeKind.DATASET_VERSION),
                    paths.get(0).stream().map(NodeId::kind).toList());

            List<ReachedNode> upstream = lineage.closure(model, Direction.UPSTREAM, 10, null);
            assertTrue(upstream.stream().anyMatch(r -> r.node().id().equals(raw)));
            assertTrue(upstream.stream().anyMatch(r -> r.node().id().equals(version("train.py", at.get("train.py")))));
        }
    }

    @Test
    void rebuildingReplacesTheEdgesInsteadOfAddingToThem() throws Exception {
        try (Database db = Database.open(tmp.resolve("replace.db"))) {
            LineageService lineage = new LineageService(db, Clock.systemUTC());
            GraphChanges changes = DvcLineage.of(project.work.toString(), SOURCE, history);
            lineage.replace(SOURCE, changes);
            int edges = lineage.replace(SOURCE, changes);
            assertEquals(changes.edges().size(), edges);
            assertEquals(changes.edges().size(), changes.edges().stream().map(GraphChanges.EdgeWrite::edge)
                    .map(e -> List.of(e.from(), e.to(), e.kind())).distinct().count(), "each edge once");
        }
    }

    private static NodeId version(String path, String md5) {
        return DatasetIdentity.fromDvc(project.work.toString(), path, project.remote.toString(), false).versionId(md5);
    }

    private static String commitName(NodeId commit) {
        return project.commits.entrySet().stream().filter(e -> commit.value().endsWith(":" + e.getValue()))
                .map(java.util.Map.Entry::getKey).findFirst().orElse(commit.value());
    }

    private static String job(GraphChanges changes, NodeId run) {
        return changes.edges().stream().map(GraphChanges.EdgeWrite::edge)
                .filter(e -> e.to().equals(run) && e.kind().equals(EdgeKind.RUN_OF))
                .map(LineageEdge::from).map(id -> id.value().substring(id.value().lastIndexOf(':') + 1))
                .findFirst().orElseThrow();
    }
}
