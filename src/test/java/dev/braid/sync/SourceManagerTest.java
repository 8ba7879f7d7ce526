package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.demo.DemoService;
import dev.braid.lineage.NodeId;
import dev.braid.store.Database;
import dev.braid.testing.DemoData;
import dev.braid.testing.TestContexts;
import dev.braid.ui.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing, renaming and pausing sources on the real demo cache: everything a source brought goes with it, nothing else. */
class SourceManagerTest {
    private static DemoData demo;

    @TempDir
    Path temp;

    @BeforeAll
    static void openDemo() throws Exception {
        demo = DemoData.open();
    }

    @AfterAll
    static void closeDemo() throws Exception {
        demo.close();
    }

    @Test
    void removingTheMlflowSourceTakesItsRunsArtifactsAndLineageAndNothingElse() throws Exception {
        try (DemoData data = DemoData.open()) {
            AppContext context = data.context();
            Source mlflow = data.source(DemoService.MLFLOW_SOURCE_NAME);
            Source repo = data.source(DemoService.SOURCE_NAME);
            Path artifacts = context.dirs().artifactsDir().resolve(Long.toString(mlflow.id())).resolve("run/model.txt");
            Files.createDirectories(artifacts.getParent());
            Files.writeString(artifacts, "fetched");
            long openLineage = count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'openlineage'");
            long dvc = count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'dvc:" + repo.name() + "'");
            assertTrue(openLineage > 0 && dvc > 0, "the demo has OpenLineage and DVC edges");

            SourceRemoval preview = context.sourceManager().preview(mlflow);
            assertTrue(preview.summary().contains(" runs"), preview.summary());
            assertTrue(preview.summary().contains("lineage edges"), preview.summary());
            assertTrue(count(context.database(), "SELECT count(*) FROM runs") > 0, "the preview removed nothing");

            SourceRemoval removed = context.sourceManager().remove(mlflow);

            assertEquals(preview.cached(), removed.cached());
            assertTrue(removed.fileProblems().isEmpty(), removed.fileProblems().toString());
            assertTrue(context.sources().findByName(mlflow.name()).isEmpty());
            assertEquals(0, count(context.database(), "SELECT count(*) FROM runs"));
            assertEquals(0, count(context.database(), "SELECT count(*) FROM registered_models"));
            assertEquals(0, count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by LIKE 'mlflow:%'"));
            assertEquals(0, count(context.database(), "SELECT count(*) FROM lineage_nodes WHERE id LIKE 'mlflow-run:%'"
                    + " OR id LIKE 'model-version:%' OR id LIKE 'alias:%'"), "nodes only the MLflow source mentioned are gone");
            assertFalse(Files.exists(artifacts.getParent().getParent()), "fetched artifacts are deleted");
            assertEquals(openLineage, count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'openlineage'"));
            assertEquals(dvc, count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'dvc:" + repo.name() + "'"));
            assertTrue(count(context.database(), "SELECT count(*) FROM commits") > 0, "the repository stays");
        }
    }

    @Test
    void aRemovalThatFailsHalfwayChangesNothing() throws Exception {
        AppContext context = demo.context();
        Source repo = demo.source(DemoService.SOURCE_NAME);
        long commits = count(context.database(), "SELECT count(*) FROM commits");
        long edges = count(context.database(), "SELECT count(*) FROM lineage_edges");
        List<SourceCleanup> cleanups = new ArrayList<>(List.of(context.repositories().cleanup(),
                dev.braid.lineage.LineageCleanup.relabelled("git", "dvc:")));
        cleanups.add(new SourceCleanup() {
            @Override
            public String kind() {
                return "git";
            }

            @Override
            public void remove(java.sql.Connection c, Source source) throws SQLException {
                throw new SQLException("disk I/O error");
            }
        });
        SourceManager failing = new SourceManager(context.database(), context.sources(), context.syncEngine(), cleanups);

        assertThrows(RuntimeException.class, () -> failing.remove(repo));

        assertTrue(context.sources().findByName(repo.name()).isPresent());
        assertEquals(commits, count(context.database(), "SELECT count(*) FROM commits"));
        assertEquals(edges, count(context.database(), "SELECT count(*) FROM lineage_edges"), "the DVC edges came back");
    }

    @Test
    void renamingDerivesMlflowNodesUnderTheNewNameKeepingLabelsAndRelabelsDvcEdges() throws Exception {
        try (DemoData data = DemoData.open()) {
            AppContext context = data.context();
            Source mlflow = data.source(DemoService.MLFLOW_SOURCE_NAME);
            Source repo = data.source(DemoService.SOURCE_NAME);
            String runNode = single(context.database(), "SELECT id FROM lineage_nodes WHERE id LIKE 'mlflow-run:"
                    + mlflow.name() + ":%' ORDER BY id LIMIT 1");
            context.lineage().label(new NodeId(runNode), "PII");
            long edges = count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'mlflow:" + mlflow.name() + "'");
            long dvc = count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'dvc:" + repo.name() + "'");

            Source renamed = context.sourceManager().rename(mlflow, "tracking");

            assertEquals("tracking", renamed.name());
            assertEquals(0, count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'mlflow:" + mlflow.name() + "'"));
            assertEquals(edges, count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'mlflow:tracking'"));
            assertEquals(0, count(context.database(), "SELECT count(*) FROM lineage_nodes WHERE id LIKE 'mlflow-run:" + mlflow.name() + ":%'"));
            String newId = runNode.replace(":" + mlflow.name() + ":", ":tracking:");
            assertTrue(context.lineage().node(new NodeId(newId)).isPresent());
            assertEquals(List.of("PII"), context.lineage().labels(new NodeId(newId), null).stream().map(l -> l.label()).toList());
            assertTrue(count(context.database(), "SELECT count(*) FROM runs") > 0, "the cached runs stay");

            SourceException taken = assertThrows(SourceException.class, () -> context.sourceManager().rename(repo, "tracking"));
            assertTrue(taken.getMessage().contains("already exists"), taken.getMessage());
            assertThrows(SourceException.class, () -> context.sourceManager().rename(repo, "  "));
            assertEquals(dvc, count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'dvc:" + repo.name() + "'"));

            context.sourceManager().rename(repo, "churn");

            assertEquals(dvc, count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'dvc:churn'"));
            assertEquals(0, count(context.database(), "SELECT count(*) FROM lineage_edges WHERE asserted_by = 'dvc:" + repo.name() + "'"));
            assertEquals("churn", context.repositories().find(repo.id()).orElseThrow().name());
        }
    }

    @Test
    void anUnknownNameSuggestsTheClosestOnes() {
        SourceException unknown = assertThrows(SourceException.class, () -> demo.context().sourceManager().require("demo-mlfow"));

        assertTrue(unknown.getMessage().startsWith("unknown source: demo-mlfow"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("did you mean " + DemoService.MLFLOW_SOURCE_NAME), unknown.getMessage());
    }

    @Test
    void pausedSourcesAreLeftOutOfSyncingEverythingButSyncWhenAskedFor() throws Exception {
        try (AppContext context = GitFixture.open(temp.resolve("braid"))) {
            Source a = GitFixture.addAndSync(context, GitFixture.mergeRepository(temp.resolve("a")));
            Source b = GitFixture.addAndSync(context, GitFixture.mergeRepository(temp.resolve("b")));

            context.sourceManager().setPaused(b, true);
            List<SyncJob> jobs = context.syncEngine().startAll(context.sources().list(), SyncListener.NONE);
            for (SyncJob job : jobs) {
                job.result().get();
            }

            assertEquals(List.of(a.name()), jobs.stream().map(j -> j.source().name()).toList());
            assertTrue(context.sources().findByName(b.name()).orElseThrow().paused());
            assertEquals(SyncOutcome.SUCCEEDED, context.syncEngine().start(context.sources().findByName(b.name()).orElseThrow(),
                    SyncListener.NONE).result().get().outcome());
            context.sourceManager().setPaused(b, false);
            assertFalse(context.sources().findByName(b.name()).orElseThrow().paused());
        }
    }

    @Test
    void removingAClonedRepositoryDeletesTheCloneButNeverAFolderTheUserAdded() throws Exception {
        try (AppContext context = GitFixture.open(temp.resolve("braid"))) {
            Path origin = GitFixture.mergeRepository(temp.resolve("origin"));
            Source local = GitFixture.addAndSync(context, origin);
            Source clone = context.repositories().add(origin.toUri().toString(), "clone", TestContexts.quiet());
            Path cloned = Path.of(clone.config("path"));
            assertTrue(cloned.startsWith(context.dirs().clonesDir()) && Files.isDirectory(cloned));

            SourceRemoval removedClone = context.sourceManager().remove(clone);
            context.sourceManager().remove(local);

            assertEquals(List.of(cloned), removedClone.files());
            assertFalse(Files.exists(cloned));
            assertTrue(Files.isDirectory(origin.resolve(".git")), "the user's own folder is never touched");
            assertTrue(context.sources().list().isEmpty());
        }
    }

    private static long count(Database db, String sql) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        });
    }

    private static String single(Database db, String sql) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }
}
