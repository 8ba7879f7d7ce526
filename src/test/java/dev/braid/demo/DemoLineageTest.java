package dev.braid.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.DatasetIdentity;
import dev.braid.lineage.Direction;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo workspace is one graph: its pipelines' OpenLineage events, its repository's DVC
 * stages and its MLflow runs and registry meet in shared datasets and commits.
 */
class DemoLineageTest {
    @Test
    void theCrmTableLeadsToTheChampionModelAndCommitsLeadToDvcStageRuns(@TempDir Path home) throws Exception {
        DataDirectories dirs = new DataDirectories(home.resolve("data"), home.resolve("config"));
        try (AppContext app = AppContext.open(dirs, Clock.systemUTC())) {
            new DemoService(app.repositories(), new DemoWorkspace(), app.experiments(), null, app.openLineageImporter())
                    .open(home.resolve("demo"), TestContexts.quiet());
            for (Source source : app.sources().list()) {
                SyncRun run = app.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
                assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), source.name() + ": " + run.error());
            }

            NodeId crm = DatasetIdentity.fromOpenLineage("postgres://crm.acme.internal:5432", "crm.public.customers").nodeId();
            NodeId champion = LineageIds.alias(DemoService.MLFLOW_SOURCE_NAME, "churn-classifier", "champion");
            List<List<NodeId>> paths = app.lineage().paths(crm, champion, 1, null);
            assertFalse(paths.isEmpty(), "CRM table → ingest run → training data → MLflow run → logged model → model version → alias");
            assertEquals(List.of(NodeKind.DATASET, NodeKind.JOB_RUN, NodeKind.DATASET_VERSION, NodeKind.EXPERIMENT_RUN,
                    NodeKind.LOGGED_MODEL, NodeKind.MODEL_VERSION, NodeKind.ALIAS), paths.get(0).stream().map(NodeId::kind).toList());

            List<LineageNode> stageRuns = app.lineage().find("train @", 500).stream()
                    .filter(n -> n.kind().equals(NodeKind.JOB_RUN) && n.properties().containsKey("dvc.file")).toList();
            assertTrue(stageRuns.size() > 5, "the demo re-trains through DVC many times: " + stageRuns.size());
            LineageNode trained = stageRuns.get(0);
            assertTrue(app.lineage().closure(trained.id(), Direction.UPSTREAM, 1, null).stream()
                    .anyMatch(r -> r.node().kind().equals(NodeKind.COMMIT)), "each stage run is built from a commit");
            assertTrue(app.lineage().closure(trained.id(), Direction.DOWNSTREAM, 1, null).stream()
                    .anyMatch(r -> r.node().name().startsWith("model.pkl@")), "train writes model.pkl");
        }
    }
}
