package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Syncs a real MLflow server seeded by the MLflow Python client and compares with what the client reads back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlflowSyncTest {
    private final ObjectMapper json = new ObjectMapper();
    private MlflowCache cache;
    private MlflowHarness mlflow;
    private JsonNode seeded;
    private Database db;
    private SourceStore sources;
    private ExperimentService service;
    private MlflowSyncer syncer;
    private Source source;

    @BeforeAll
    void startAndSeed(@TempDir Path tmp) throws Exception {
        cache = MlflowCache.start(tmp);
        mlflow = cache.mlflow;
        seeded = cache.seeded;
        db = cache.db;
        sources = cache.sources;
        service = cache.service;
        syncer = cache.syncer;
        source = cache.source;
    }

    @AfterAll
    void stop() {
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    @Order(1)
    void aFullSyncHoldsWhatTheMlflowClientReadsBack() throws Exception {
        SyncCounts counts = syncer.sync(source, TestContexts.quiet());
        JsonNode dump = mlflow.python("dump");
        assertEquals(dump.get("runs").size(), counts.added());
        assertRunsEqual(dump);
        RunDetail child = service.run(source.id(), seeded.get("child_runs").get(0).asText()).orElseThrow();
        assertEquals(seeded.get("parent_run").asText(), child.summary().parentRunId());
        assertEquals("0123456789abcdef0123456789abcdef01234567", child.summary().sourceCommit());
        RunDetail parent = service.run(source.id(), seeded.get("parent_run").asText()).orElseThrow();
        assertEquals(3, parent.childRunIds().size());
        assertTrue(service.run(source.id(), seeded.get("deleted_runs").get(0).asText()).isEmpty(), "deleted runs are not cached");
        JsonNode edited = seeded.get("edited_tags").get(0);
        assertEquals(edited.get("value").asText(), service.run(source.id(), edited.get("run_id").asText())
                .orElseThrow().summary().tags().get(edited.get("key").asText()));
        Map<String, Map<String, String>> experiments = new LinkedHashMap<>();
        service.experiments().forEach(e -> experiments.put(e.name(), e.tags()));
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        dump.get("experiments").forEach(e -> expected.put(e.get("name").asText(), json.convertValue(e.get("tags"), Map.class)));
        assertEquals(expected, experiments);
    }

    @Test
    @Order(2)
    void theRegistryWithVersionsAndAliasesMatches() throws Exception {
        JsonNode dump = mlflow.python("dump");
        List<Map<String, Object>> models = RegistryView.of(service.models());
        List<JsonNode> expected = new ArrayList<>();
        dump.get("models").forEach(expected::add);
        expected.sort((a, b) -> a.get("name").asText().compareToIgnoreCase(b.get("name").asText()));
        assertEquals(json.readTree(json.writeValueAsString(expected)), json.readTree(json.writeValueAsString(models)));
        RegisteredModel fraud = service.models().stream().filter(m -> m.name().equals("fraud-model")).findFirst().orElseThrow();
        assertEquals(Map.of("champion", "2", "challenger", "1"), fraud.aliases());
        RunDetail made = service.run(source.id(), fraud.versions().get(0).runId()).orElseThrow();
        assertEquals(List.of("2"), made.modelVersions().stream().map(ModelVersion::version).toList());
    }

    @Test
    @Order(3)
    void loggedModelsMatchWhatTheClientSearchReturnsAndLinkToTheirRunAndVersion() throws Exception {
        JsonNode dump = mlflow.python("dump");
        assertEquals(json.readTree(json.writeValueAsString(dump.get("logged_models"))),
                json.readTree(json.writeValueAsString(LoggedModelView.of(service.loggedModels()))));
        JsonNode ids = seeded.get("logged_models");
        assertTrue(service.loggedModels().stream().noneMatch(m -> m.modelId().equals(ids.get("deleted").asText())),
                "deleted logged models are left out");
        LoggedModel registered = service.loggedModels().stream()
                .filter(m -> m.modelId().equals(ids.get("registered").asText())).findFirst().orElseThrow();
        assertEquals("READY", registered.status());
        assertEquals(List.of(registered), service.loggedModels(source.id(), registered.sourceRunId()));
        ModelVersion version = service.models().stream().filter(m -> m.name().equals("churn-model")).findFirst()
                .orElseThrow().versions().get(0);
        assertEquals(registered.modelId(), version.loggedModelId());
        assertEquals(registered.sourceRunId(), version.runId());
        assertEquals(List.of("production"), version.aliases());
    }

    @Test
    @Order(4)
    void metricHistoriesAreFetchedOnDemandAndCached() throws Exception {
        String runId = seeded.get("child_runs").get(1).asText();
        long pk = service.run(source.id(), runId).orElseThrow().summary().runPk();
        List<MetricPoint> history = service.metricHistory(pk, "loss");
        JsonNode expected = mlflow.python("history", runId, "loss");
        assertEquals(json.readTree(json.writeValueAsString(expected)), json.readTree(json.writeValueAsString(
                history.stream().map(p -> Map.of("step", p.step(), "timestamp", p.timestamp(), "value", p.value())).toList())));
        assertEquals(6, history.size());
        int cached = db.read(c -> {
            try (var st = c.prepareStatement("SELECT points FROM metric_history_state WHERE run_pk = ? AND key = 'loss'")) {
                st.setLong(1, pk);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : -1;
                }
            }
        });
        assertEquals(6, cached);
        assertEquals(history, service.metricHistory(pk, "loss"));
    }

    @Test
    @Order(5)
    void incrementalSyncsPickUpNewAndFinishedRunsAndReconciliationTheRest() throws Exception {
        String newRun = mlflow.python("new-run", "churn", "late-arrival").get("run_id").asText();
        String running = seeded.get("running_runs").get(0).asText();
        mlflow.python("finish-run", running);
        String doomed = seeded.get("child_runs").get(2).asText();
        mlflow.python("delete-run", doomed);
        String baseline = seeded.get("edited_tags").get(0).get("run_id").asText();
        mlflow.python("set-tag", baseline, "stage", "shipped");

        SyncCounts incremental = syncer.sync(source, TestContexts.quiet());
        assertEquals(1, incremental.added());
        assertEquals(0, incremental.removed(), "an incremental sync does not look for deletions");
        assertTrue(service.run(source.id(), newRun).isPresent());
        RunDetail finished = service.run(source.id(), running).orElseThrow();
        assertEquals("FINISHED", finished.summary().status());
        assertEquals(0.65, finished.summary().metrics().get("auc"));
        assertTrue(service.run(source.id(), doomed).isPresent());

        service.requestReconciliation(source.id());
        SyncCounts full = syncer.sync(source, TestContexts.quiet());
        assertEquals(1, full.removed());
        assertFalse(service.run(source.id(), doomed).isPresent());
        assertEquals("shipped", service.run(source.id(), baseline).orElseThrow().summary().tags().get("stage"));
        assertRunsEqual(mlflow.python("dump"));
        assertEquals(0, syncer.sync(source, TestContexts.quiet()).added(), "syncing again changes nothing");
        String once = json.writeValueAsString(service.loggedModels()) + json.writeValueAsString(service.models());
        syncer.sync(source, TestContexts.quiet());
        assertEquals(once, json.writeValueAsString(service.loggedModels()) + json.writeValueAsString(service.models()),
                "logged models and the registry read again are the same rows");
    }

    @Test
    @Order(6)
    void aServerStoppedMidSyncIsTransientAndLeavesTheCacheAsItWas() throws Exception {
        mlflow.python("new-run", "churn", "never-cached");
        String before = snapshot();
        SyncContext stopper = new SyncContext() {
            @Override
            public void progress(double fraction, String message) {
                if (message.startsWith("reading the model registry")) {
                    mlflow.stop();
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        SyncFailure failure = assertThrows(SyncFailure.class, () -> syncer.sync(source, stopper));
        assertTrue(failure.isTransient(), failure.getMessage());
        assertTrue(failure.getMessage().contains("cannot reach MLflow at " + mlflow.uri()), failure.getMessage());
        assertEquals(before, snapshot());
        mlflow.restart();
        assertEquals(1, syncer.sync(source, TestContexts.quiet()).added());
    }

    @Test
    @Order(7)
    void aMissingLocalStoreIsRefusedAndFiltersRunInTheCache() throws Exception {
        ExperimentException e = assertThrows(ExperimentException.class,
                () -> service.addMlflow("sqlite:///nowhere/mlflow.db", null, null, null, null));
        assertTrue(e.getMessage().contains("no MLflow database"), e.getMessage());

        List<RunSummary> all = service.runs(RunQuery.all());
        List<RunSummary> kept = service.runs(new RunQuery(null, List.of(), "metrics.auc > 0.5", "metrics.auc DESC", 0));
        assertTrue(!kept.isEmpty() && kept.size() <= all.size());
        for (int i = 0; i < kept.size(); i++) {
            assertTrue(kept.get(i).metrics().get("auc") > 0.5, kept.get(i).toString());
            if (i > 0) {
                assertTrue(kept.get(i - 1).metrics().get("auc") >= kept.get(i).metrics().get("auc"));
            }
        }
        ExperimentException bad = assertThrows(ExperimentException.class,
                () -> service.runs(new RunQuery(null, List.of(), "metrics.auc >", null, 0)));
        assertTrue(bad.getMessage().contains("position"), bad.getMessage());
    }

    @Test
    @Order(7)
    void aSyncWithNothingChangedOnTheServerReportsNothingChanged() throws Exception {
        syncer.sync(source, TestContexts.quiet());
        String before = cachedData();
        assertEquals(new SyncCounts(0, 0, 0), syncer.sync(source, TestContexts.quiet()),
                "an incremental sync re-reads running runs and the overlap window, but none of them changed");
        service.requestReconciliation(source.id());
        assertEquals(new SyncCounts(0, 0, 0), syncer.sync(source, TestContexts.quiet()),
                "a full reconciliation reads every run; none changed");
        assertEquals(before, cachedData(), "runs and registry as they were");

        String edited = seeded.get("child_runs").get(0).asText();
        mlflow.python("set-tag", edited, "reviewed", "yes");
        service.requestReconciliation(source.id());
        assertEquals(new SyncCounts(0, 1, 0), syncer.sync(source, TestContexts.quiet()), "exactly the edited run changed");
        assertEquals("yes", service.run(source.id(), edited).orElseThrow().summary().tags().get("reviewed"));
    }

    private void assertRunsEqual(JsonNode dump) throws Exception {
        List<Map<String, Object>> cached = new ArrayList<>();
        for (RunSummary run : service.runs(RunQuery.all())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run_id", run.runId());
            row.put("experiment_id", run.experimentId());
            row.put("run_name", run.runName());
            row.put("status", run.status());
            row.put("start_time", run.startTime());
            row.put("end_time", run.endTime());
            row.put("params", new java.util.TreeMap<>(run.params()));
            row.put("metrics", new java.util.TreeMap<>(run.metrics()));
            row.put("tags", new java.util.TreeMap<>(run.tags()));
            row.put("datasets", service.run(run.runPk()).orElseThrow().datasets().stream()
                    .map(d -> Map.of("name", d.name(), "digest", d.digest(), "context", d.context())).toList());
            cached.add(row);
        }
        List<Map<String, Object>> expected = new ArrayList<>();
        for (JsonNode run : dump.get("runs")) {
            Map<String, Object> row = json.convertValue(run, LinkedHashMap.class);
            for (String key : List.of("params", "metrics", "tags")) {
                row.put(key, new java.util.TreeMap<>((Map<?, ?>) row.get(key)));
            }
            expected.add(row);
        }
        java.util.Comparator<Map<String, Object>> byId = java.util.Comparator.comparing(r -> (String) r.get("run_id"));
        cached.sort(byId);
        expected.sort(byId);
        assertEquals(json.readTree(json.writeValueAsString(expected)), json.readTree(json.writeValueAsString(cached)));
    }

    private String snapshot() throws Exception {
        return cachedData() + db.read(c -> sources.cursor(c, source.id()));
    }

    private String cachedData() throws Exception {
        return json.writeValueAsString(service.runs(RunQuery.all())) + json.writeValueAsString(service.models())
                + json.writeValueAsString(service.loggedModels());
    }
}
