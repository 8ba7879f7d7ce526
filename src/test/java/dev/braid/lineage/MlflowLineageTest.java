package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.MlflowConnector;
import dev.braid.experiments.MlflowSyncer;
import dev.braid.experiments.RunEditService;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs logged by the real MLflow client on a real server, synced through the syncer the sync
 * engine runs, give the MLflow edges; their s3 dataset is the same node OpenLineage events name.
 * An MLflow 3 logged model sits between its run and the version registered from it.
 */
class MlflowLineageTest {
    @TempDir
    Path tmp;

    @Test
    void mlflowRunsDatasetsAndRegistryBecomeEdgesThatJoinOpenLineage() throws Exception {
        try (MlflowHarness mlflow = MlflowHarness.start(tmp.resolve("mlflow"));
             Database db = Database.open(tmp.resolve("cache.db"))) {
            JsonNode seeded = PythonEmitter.run(tmp.resolve("py"), Map.of("MLFLOW_TRACKING_URI", mlflow.uri()), "mlflow");
            Clock clock = Clock.systemUTC();
            SourceStore sources = new SourceStore(db, clock);
            MlflowConnector connector = new MlflowConnector(Map.of(), Duration.ofSeconds(30));
            Source source = new ExperimentService(db, sources, connector, clock).addMlflow(mlflow.uri(), "tracking", null, null, null);
            LineageService lineage = new LineageService(db, clock);
            MlflowSyncer syncer = new MlflowSyncer(db, sources, connector, clock, new RunEditService(db, sources, connector, clock));
            MlflowLineageStep.after(syncer, lineage).sync(source, TestContexts.quiet());

            String fit = "mlflow-run:tracking:" + seeded.get("fit").asText();
            String sweep = "mlflow-run:tracking:" + seeded.get("sweep").asText();
            String events = "dataset-version:s3://bucket:raw/events.csv@" + seeded.get("events_digest").asText();
            String holdout = "dataset-version:mlflow:tracking:holdout@" + seeded.get("holdout_digest").asText();
            String version = "model-version:tracking:fraud/1";
            // The logged model and version 2's source as the MLflow client reports them.
            String loggedId = seeded.get("logged_model").asText();
            String logged = "logged-model:tracking:" + loggedId;
            String version2 = "model-version:tracking:fraud/2";
            assertEquals("models:/" + loggedId, seeded.get("version_2_source").asText());
            // Version 1 was registered from the files the fit run logged under "model", as the client reports its source.
            String version1Source = seeded.get("version_1_source").asText();
            assertTrue(version1Source.startsWith("runs:/" + seeded.get("fit").asText() + "/")
                    || version1Source.contains("/" + seeded.get("fit").asText() + "/artifacts/"), version1Source);
            String artifact = "artifact:tracking:" + seeded.get("fit").asText() + "/model";
            assertEquals(seeded.get("fit").asText(), seeded.get("logged_model_run").asText());
            assertEquals(List.of(
                    Scenario.COMMIT + " -built-from-> " + fit,
                    Scenario.RAW + " -version-> " + events,
                    "dataset:mlflow:tracking:holdout -version-> " + holdout,
                    holdout + " -input-> " + fit,
                    events + " -input-> " + fit,
                    fit + " -logged-> " + artifact,
                    artifact + " -registered-> " + version,
                    sweep + " -parent-> " + fit,
                    "model:tracking:fraud -contains-> " + version,
                    version + " -alias-> alias:tracking:fraud@champion",
                    fit + " -logged-> " + logged,
                    logged + " -registered-> " + version2,
                    "model:tracking:fraud -contains-> " + version2,
                    version2 + " -alias-> alias:tracking:fraud@challenger",
                    Scenario.REPO + " -contains-> " + Scenario.COMMIT).stream().sorted().toList(), GraphDump.edges(db));
            assertEquals(List.of("training"), GraphDump.lines(db,
                    "SELECT json_extract(properties, '$.context') FROM lineage_edges WHERE from_id = '" + events + "'"));
            assertEquals("fit", lineage.node(new NodeId(fit)).orElseThrow().name());
            assertEquals("FINISHED", lineage.node(new NodeId(fit)).orElseThrow().status());
            LineageNode loggedNode = lineage.node(new NodeId(logged)).orElseThrow();
            assertEquals(seeded.get("logged_model_name").asText(), loggedNode.name());
            assertEquals(seeded.get("logged_model_status").asText(), loggedNode.status());
            assertEquals(Map.of("modelId", loggedId, "source", "tracking", "modelType", "sklearn"), loggedNode.properties());
            // Run → logged model → version → alias: the MLflow 3 chain, and no shortcut from the run to version 2.
            assertEquals(List.of(List.of(fit, logged, version2, "alias:tracking:fraud@challenger")),
                    lineage.paths(new NodeId(fit), new NodeId("alias:tracking:fraud@challenger"), 5, null).stream()
                            .map(p -> p.stream().map(NodeId::value).toList()).toList());
            assertEquals(List.of("mlflow:tracking"), GraphDump.lines(db, "SELECT DISTINCT asserted_by FROM lineage_edges"));

            // OpenLineage events about the same s3 object land on the same dataset node.
            PythonEmitter.run(tmp.resolve("py"), Map.of(), "files", tmp.resolve("ol").toString());
            new OpenLineageImporter(new OpenLineageValidator(EventLimits.STANDARD), new OpenLineageIngest(lineage))
                    .importPaths(List.of(tmp.resolve("ol/append")));
            List<List<NodeId>> paths = lineage.paths(new NodeId(Scenario.RAW), new NodeId("alias:tracking:fraud@champion"), 5, null);
            assertEquals(List.of(List.of(Scenario.RAW, events, fit, artifact, version, "alias:tracking:fraud@champion")),
                    paths.stream().map(p -> p.stream().map(NodeId::value).toList()).toList());
            Map<String, List<String>> impact = lineage.impact(new NodeId(Scenario.COMMIT), null).byKind().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().id(), e -> e.getValue().stream().map(r -> r.node().id().value()).toList()));
            assertTrue(impact.get("mlflow-run").contains(fit), impact.toString());
            assertTrue(impact.get("job-run").size() >= 2, impact.toString());
            assertEquals(List.of("alias:tracking:fraud@challenger", "alias:tracking:fraud@champion"),
                    impact.get("alias").stream().sorted().toList());
            assertEquals(List.of(logged), impact.get("logged-model"));

            // A second sync replaces the source's edges rather than adding to them.
            List<String> before = GraphDump.lines(db, "SELECT from_id || to_id || kind FROM lineage_edges WHERE asserted_by = 'mlflow:tracking' ORDER BY 1");
            MlflowLineageStep.after(syncer, lineage).sync(source, TestContexts.quiet());
            assertEquals(before, GraphDump.lines(db, "SELECT from_id || to_id || kind FROM lineage_edges WHERE asserted_by = 'mlflow:tracking' ORDER BY 1"));
        }
    }
}
