package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.DatasetIdentity;
import dev.braid.lineage.Direction;
import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.ReachedNode;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DVC history across formats, from a repository the real git and dvc built (DVC 1's lock
 * format, a format-only rewrite, a re-run), synced by the whole Braid core while its remote cannot
 * be reached: the raw → prepare → featurize → train chain, node by node, in both directions.
 */
class DvcChainTest {
    @TempDir
    static Path tmp;
    private static DvcChainProject project;
    private static AppContext app;
    private static Source source;
    private static SyncRun firstSync;

    @BeforeAll
    static void buildAndSync() throws Exception {
        project = DvcChainProject.build(tmp);
        app = AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC());
        source = app.repositories().add(project.work.toString(), "churn", TestContexts.quiet());
        firstSync = sync();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static SyncRun sync() throws Exception {
        return app.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
    }

    @Test
    void anUnreachableRemoteIsAWarningAndTheLocalHistoryStillCounts() throws Exception {
        assertEquals(SyncOutcome.STALE, firstSync.outcome(), String.valueOf(firstSync.error()));
        assertTrue(firstSync.warnings().get(0).contains("could not be reached"), firstSync.warnings().toString());
        assertTrue(firstSync.counts().added() >= 3, "the local commits are indexed");
        SyncRun again = sync();
        assertEquals(SyncOutcome.STALE, again.outcome(), "every later sync too");
        assertEquals(1, again.attempts(), "an offline repository is not retried with backoff");
        assertTrue(app.lineage().exists(version("model.pkl", "newData")), "the DVC lineage was built offline");
    }

    @Test
    void dvc1LockFilesAreReadAndAFormatOnlyRewriteRunsNothing() throws Exception {
        List<DvcCommit> history;
        try (Repository repo = new FileRepositoryBuilder().setGitDir(project.work.resolve(".git").toFile()).build()) {
            history = new DvcHistory(repo).read(List.of(project.commits.get("newData")));
        }
        assertEquals(List.of(), DvcProblems.of(history), "nothing of any format is left unread");
        GraphChanges changes = DvcLineage.of(DvcChainProject.UNREACHABLE_REMOTE, "dvc:churn", history);
        Set<String> runs = changes.edges().stream().map(GraphChanges.EdgeWrite::edge)
                .filter(e -> e.kind().equals(EdgeKind.BUILT_FROM))
                .map(e -> commitName(e.from()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("dvc1", "newData"), runs, "the rewrite commit re-ran nothing");
        assertEquals(8, changes.edges().stream().filter(e -> e.edge().kind().equals(EdgeKind.BUILT_FROM)).count(),
                "raw.csv.dvc, prepare, featurize and train, twice");

        GraphChanges upToRewrite = DvcLineage.of(DvcChainProject.UNREACHABLE_REMOTE, "dvc:churn", history.subList(0, 2));
        GraphChanges upToDvc1 = DvcLineage.of(DvcChainProject.UNREACHABLE_REMOTE, "dvc:churn", history.subList(0, 1));
        assertEquals(versions(upToDvc1), versions(upToRewrite), "and made no new dataset versions");
    }

    @Test
    void upstreamOfTheModelIsTheExactDataItWasMadeFrom() {
        LineageService lineage = app.lineage();
        Map<NodeId, Integer> upstream = depths(lineage.closure(version("model.pkl", "newData"), Direction.UPSTREAM, 20, null));
        // model@new ← train ← features@new ← featurize ← prepared@new ← prepare ← raw@new ← raw.csv.dvc
        assertEquals(0, upstream.get(version("model.pkl", "newData")));
        assertEquals(2, upstream.get(version("data/features.csv", "newData")));
        assertEquals(4, upstream.get(version("data/prepared.csv", "newData")));
        assertEquals(6, upstream.get(version("data/raw.csv", "newData")));
        assertEquals(1, upstream.get(dataset("model.pkl")), "the version's dataset, as the place it belongs to");
        for (String file : List.of("data/raw.csv", "data/prepared.csv", "data/features.csv", "model.pkl")) {
            assertFalse(upstream.containsKey(version(file, "dvc1")), "the older " + file + " did not make this model");
        }
        assertEquals(4, upstream.keySet().stream().filter(id -> id.kind().equals(NodeKind.JOB_RUN)).count(),
                "the new raw data's run and the three stages it fed, nothing older");
    }

    @Test
    void aTrackedFileShowsWhatMadeItUpstreamAndTheRawDataReachesOnlyItsOwnModel() {
        LineageService lineage = app.lineage();
        Set<NodeId> writers = lineage.closure(dataset("model.pkl"), Direction.UPSTREAM, 1, null).stream()
                .map(r -> r.node().id()).filter(id -> id.kind().equals(NodeKind.JOB_RUN)).collect(Collectors.toSet());
        assertEquals(2, writers.size(), "both train runs wrote model.pkl");

        Set<NodeId> downstream = lineage.closure(version("data/raw.csv", "dvc1"), Direction.DOWNSTREAM, 20, null).stream()
                .map(r -> r.node().id()).collect(Collectors.toSet());
        assertTrue(downstream.contains(version("model.pkl", "dvc1")), downstream.toString());
        assertTrue(downstream.contains(dataset("model.pkl")), "the dataset it changed");
        assertFalse(downstream.contains(version("model.pkl", "newData")), "the old raw data did not make the new model");
        List<List<NodeId>> paths = lineage.paths(version("data/raw.csv", "dvc1"), version("model.pkl", "newData"), 3, null);
        assertEquals(List.of(), paths, "no path through the datasets joins versions that do not depend on each other");
    }

    private static Map<NodeId, Integer> depths(List<ReachedNode> reached) {
        return reached.stream().collect(Collectors.toMap(r -> r.node().id(), ReachedNode::depth));
    }

    private static Set<NodeId> versions(GraphChanges changes) {
        return changes.nodes().stream().map(GraphChanges.NodeWrite::id)
                .filter(id -> id.kind().equals(NodeKind.DATASET_VERSION)).collect(Collectors.toSet());
    }

    private static NodeId version(String file, String commit) {
        return name(file).versionId(project.md5At.get(commit).get(file));
    }

    private static NodeId dataset(String file) {
        return name(file).nodeId();
    }

    /** The repository has a remote, so its data is named by the remote's key (ADR 8, rule 6). */
    private static DatasetIdentity.DatasetName name(String file) {
        return DatasetIdentity.fromDvc(DvcChainProject.UNREACHABLE_REMOTE, file, "", false);
    }

    private static String commitName(NodeId commit) {
        return project.commits.entrySet().stream()
                .filter(e -> commit.equals(LineageIds.commit(DvcChainProject.UNREACHABLE_REMOTE, e.getValue())))
                .map(Map.Entry::getKey).findFirst().orElse(commit.value());
    }
}
