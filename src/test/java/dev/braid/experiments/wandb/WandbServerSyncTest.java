package dev.braid.experiments.wandb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.MlflowConnector;
import dev.braid.experiments.WandbSyncer;
import dev.braid.sync.AfterSync;
import dev.braid.lineage.LineageService;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.store.Database;
import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A W&B server source (ADR 23) against {@link WandbReplay}: cursor paging, incremental syncs,
 * artifacts with their versions, aliases and lineage, history, and every failure (401, 429 with
 * Retry-After, 5xx, GraphQL errors) leaving the cache as it was.
 */
class WandbServerSyncTest {
    static final String KEY = "wandb-key-0123456789abcdef";
    @TempDir
    Path tmp;
    ReplayServer server;
    WandbReplay api;
    Database db;
    SourceStore sources;
    ExperimentService experiments;
    LineageService lineage;
    final Secrets secrets = new Secrets();
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = new WandbReplay("acme", "churn", KEY);
        server = ReplayServer.start(api);
        api.base(server.url());
        db = Database.open(tmp.resolve("cache.db"));
        Clock clock = Clock.systemUTC();
        sources = new SourceStore(db, clock);
        experiments = new ExperimentService(db, sources, MlflowConnector.standard(), clock);
        lineage = new LineageService(db, clock);
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    SourceSyncer syncer(Map<String, String> env) {
        WandbGraphql.Options options = new WandbGraphql.Options(Duration.ofSeconds(5), 3, Duration.ofMillis(10),
                Duration.ofMinutes(2), (d, stop) -> waits.add(d));
        return AfterSync.then(new WandbSyncer(db, sources, Clock.systemUTC(), secrets, env, options), "updating lineage",
                (source, context) -> lineage.rebuildWandb(source));
    }

    SyncCounts sync(Source source) throws Exception {
        return syncer(Map.of("WANDB_API_KEY", KEY)).sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet());
    }

    Source add() throws Exception {
        return experiments.addWandbServer(server.url(), "acme", "churn", "WANDB_API_KEY", "team-wb");
    }

    /** 120 runs (three pages of 50), the first with history, artifacts and references. */
    void project() {
        for (int i = 0; i < 120; i++) {
            WandbReplay.ReplayRun run = api.add(new WandbReplay.ReplayRun(String.format("run%05d", i)));
            run.config.put("lr", 0.01 * (i + 1));
            run.config.put("layers", Map.of("hidden", 64));
            run.summary.put("accuracy", 0.5 + i / 1000.0);
            run.commit = "0123456789abcdef0123456789abcdef01234567";
        }
        WandbReplay.ReplayRun first = api.runs().get(0);
        first.displayName = "baseline";
        first.tags = List.of("baseline", "cpu");
        first.notes = "first try";
        first.metric("loss", 2500, s -> 1.0 / (s + 1));
        first.state = "crashed";
        api.artifact(new WandbReplay.ReplayArtifact("QXJ0aWZhY3Q6MQ==", "training-data", "dataset",
                "124368548e8d18970a050ff1b903b947", 3, List.of("latest", "golden"),
                Map.of("train.csv", "s3://acme-data/churn/train.csv")));
        api.artifact(new WandbReplay.ReplayArtifact("QXJ0aWZhY3Q6Mg==", "churn-model", "model",
                "9a4d6c1e2f3b4a5c6d7e8f9a0b1c2d3e", 0, List.of("latest"), java.util.Collections.singletonMap("model.pkl", null)));
        first.used.add("QXJ0aWZhY3Q6MQ==");
        first.logged.add("QXJ0aWZhY3Q6Mg==");
        api.runs().get(1).logged.add("QXJ0aWZhY3Q6MQ==");
    }

    @Test
    void aFirstSyncFollowsCursorsAndReadsRunsHistoryAndArtifacts() throws Exception {
        project();
        Source source = add();

        SyncCounts counts = sync(source);

        assertEquals(120, counts.added());
        List<ReplayServer.Request> listings = server.requests().stream().filter(r -> r.body().contains("BraidRuns")).toList();
        assertEquals(3, listings.size(), "120 runs in pages of 50");
        assertTrue(listings.get(1).body().contains("\"cursor\":\"Y3Vyc29yOjQ5\""), listings.get(1).body());
        assertEquals(List.of("run00000|baseline|FAILED|acme"), rows("SELECT run_id, run_name, status, user_id FROM runs"
                + " WHERE run_id = 'run00000'"));
        assertEquals(List.of("layers.hidden|64", "lr|0.01"), rows("SELECT key, value FROM run_params p JOIN runs r"
                + " USING (run_pk) WHERE r.run_id = 'run00000' ORDER BY key"));
        assertEquals(List.of("accuracy|0.5", "loss|0.0004"), rows("SELECT key, value FROM run_metrics m JOIN runs r"
                + " USING (run_pk) WHERE r.run_id = 'run00000' ORDER BY key"));
        List<String> tags = rows("SELECT key, value FROM run_tags t JOIN runs r USING (run_pk) WHERE r.run_id = 'run00000'"
                + " ORDER BY key");
        assertTrue(tags.contains("mlflow.note.content|first try"), tags.toString());
        assertTrue(tags.contains("mlflow.source.git.commit|0123456789abcdef0123456789abcdef01234567"), tags.toString());
        assertTrue(tags.contains("wandb.tags|baseline, cpu"), tags.toString());
        assertTrue(tags.contains("wandb.state|crashed"), tags.toString());
        assertEquals(List.of("2500|0|2499"), rows("SELECT COUNT(*), MIN(step), MAX(step) FROM metric_history h JOIN runs r"
                + " USING (run_pk) WHERE r.run_id = 'run00000' AND h.key = 'loss'"));
        assertEquals(3, server.requests().stream().filter(r -> r.body().contains("BraidHistoryPage")
                && r.body().contains("run00000")).count(), "2,500 steps in pages of 1,000");
        assertEquals(List.of("logged|churn-model|model|v0|[\"latest\"]",
                "used|training-data|dataset|v3|[\"latest\",\"golden\"]"),
                rows("SELECT role, name, type, version, aliases FROM wandb_run_artifacts a JOIN runs r USING (run_pk)"
                        + " WHERE r.run_id = 'run00000' ORDER BY role"));

        // Lineage: the version the run used, the version it logged, each with its number and aliases.
        String version = "dataset-version:wandb://acme/churn:training-data@124368548e8d18970a050ff1b903b947";
        assertTrue(edges().contains(version + " -input-> mlflow-run:team-wb:run00000"), edges().toString());
        assertTrue(edges().contains("mlflow-run:team-wb:run00001 -logged-> " + version), edges().toString());
        assertTrue(edges().contains("mlflow-run:team-wb:run00000 -logged-> "
                + "model-version:wandb://acme/churn:churn-model/9a4d6c1e2f3b4a5c6d7e8f9a0b1c2d3e"), edges().toString());
        assertEquals("training-data:v3", lineage.node(new dev.braid.lineage.NodeId(version)).orElseThrow().name());
        assertEquals("latest, golden", lineage.node(new dev.braid.lineage.NodeId(version)).orElseThrow()
                .properties().get("aliases"));
        assertTrue(edges().contains("dataset:s3://acme-data:churn/train.csv -references-> " + version), edges().toString());
    }

    @Test
    void aLaterSyncReadsOnlyRunsWhoseStateOrHeartbeatChangedAndDropsRunsThatWent() throws Exception {
        project();
        Source source = add();
        sync(source);
        server.clearRequests();
        api.runs().get(5).heartbeatAt = "2026-11-30T11:00:00";
        api.runs().get(5).summary.put("accuracy", 0.99);
        api.runs().remove(7);

        SyncCounts counts = sync(source);

        assertEquals(new SyncCounts(0, 1, 1), counts);
        List<String> detail = server.requests().stream().filter(r -> r.body().contains("\"operationName\":\"BraidRun\""))
                .map(ReplayServer.Request::body).toList();
        assertEquals(1, detail.size());
        assertTrue(detail.get(0).contains("run00005"));
        assertEquals(List.of("0.99"), rows("SELECT value FROM run_metrics m JOIN runs r USING (run_pk)"
                + " WHERE r.run_id = 'run00005' AND key = 'accuracy'"));
        assertEquals(List.of(), rows("SELECT run_id FROM runs WHERE run_id = 'run00007'"));
    }

    @Test
    void aRateLimitIsWaitedOutForAsLongAsRetryAfterSays() throws Exception {
        project();
        Source source = add();
        server.fail(r -> r.body().contains("BraidRuns"), 1,
                ReplayServer.Reply.json(429, "{\"errors\":[{\"message\":\"rate limit exceeded\"}]}").with("Retry-After", "7"));

        SyncCounts counts = sync(source);

        assertEquals(120, counts.added());
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
    }

    @Test
    void aRateLimitLongerThanBraidWaitsFailsAsRetryLaterAndKeepsTheCache() throws Exception {
        project();
        Source source = add();
        sync(source);
        List<String> before = snapshot();
        api.runs().get(3).heartbeatAt = "2026-12-01T00:00:00";
        server.fail(r -> r.body().contains("\"operationName\":\"BraidRun\""), 1,
                ReplayServer.Reply.json(429, "{\"errors\":[{\"message\":\"rate limit exceeded\"}]}").with("Retry-After", "3600"));

        SyncFailure failure = assertThrows(SyncFailure.class, () -> sync(source));

        assertTrue(failure.isTransient());
        assertEquals(3_600_000, failure.retryAfterMillis());
        assertEquals(before, snapshot());
    }

    @Test
    void aWrongKeyIsRefusedNamingItsVariableNotItsValueAndChangesNothing() throws Exception {
        project();
        Source source = add();
        sync(source);
        List<String> before = snapshot();
        api.runs().get(3).heartbeatAt = "2026-12-01T00:00:00";
        String wrong = "wrong-key-9876543210";
        api.echoInErrors(wrong);

        SyncFailure failure = assertThrows(SyncFailure.class, () -> syncer(Map.of("WANDB_API_KEY", wrong))
                .sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet()));

        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("did not accept the API key from $WANDB_API_KEY (HTTP 401: user is not"
                + " logged in (***))"), failure.getMessage());
        assertFalse(failure.getMessage().contains(wrong));
        assertEquals(before, snapshot());
    }

    @Test
    void serverErrorsAreRetriedThenFailWithTheCacheAsItWas() throws Exception {
        project();
        Source source = add();
        sync(source);
        List<String> before = snapshot();
        api.runs().get(0).heartbeatAt = "2026-12-01T00:00:00";
        api.runs().get(0).summary.put("accuracy", 0.1);

        // One 502 on the listing is retried and passes; the history's page then fails every try.
        server.fail(r -> r.body().contains("BraidRuns"), 1, ReplayServer.Reply.text(502, "Bad Gateway"));
        server.fail(r -> r.body().contains("BraidHistoryPage") && r.body().contains("\"minStep\":1000"), 3,
                ReplayServer.Reply.json(500, "{\"errors\":[{\"message\":\"internal error\"}]}"));
        SyncFailure failure = assertThrows(SyncFailure.class, () -> sync(source));

        assertTrue(failure.isTransient());
        assertTrue(failure.getMessage().contains("(HTTP 500: internal error); tried 3 times"), failure.getMessage());
        assertEquals(before, snapshot());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(20)), waits);

        SyncCounts again = sync(source);
        assertEquals(1, again.changed());
        assertEquals(List.of("0.1"), rows("SELECT value FROM run_metrics m JOIN runs r USING (run_pk)"
                + " WHERE r.run_id = 'run00000' AND key = 'accuracy'"));
    }

    @Test
    void aGraphqlErrorAndAMissingProjectFailClearly() throws Exception {
        project();
        Source wrongProject = experiments.addWandbServer(server.url(), "acme", "nope", "WANDB_API_KEY", null);
        SyncFailure missing = assertThrows(SyncFailure.class, () -> sync(wrongProject));
        assertTrue(missing.getMessage().contains("has no project acme/nope"), missing.getMessage());
        assertEquals("acme/nope", wrongProject.name());

        Source source = add();
        server.fail(r -> r.body().contains("BraidRuns"), 1,
                ReplayServer.Reply.json(200, "{\"errors\":[{\"message\":\"project is being migrated\"}],\"data\":null}"));
        SyncFailure failure = assertThrows(SyncFailure.class, () -> sync(source));
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().endsWith("refused BraidRuns: project is being migrated"), failure.getMessage());
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM runs"));
    }

    @Test
    void anUnsetKeyVariableIsNamed() throws Exception {
        project();
        Source source = add();
        String cursorBefore = db.read(c -> sources.cursor(c, source.id()));
        SyncFailure failure = assertThrows(SyncFailure.class, () -> syncer(Map.of())
                .sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet()));
        assertTrue(failure.getMessage().contains("WANDB_API_KEY"), failure.getMessage());
        assertEquals(cursorBefore, db.read(c -> sources.cursor(c, source.id())));
        assertEquals(0, server.requests().size(), "nothing is sent without the key");
    }

    @Test
    void anArtifactReferencingStorageJoinsTheDatasetOpenLineageNamesByThatPath() throws Exception {
        project();
        // A folder reference reaches W&B as one entry per object beneath it.
        api.artifact(new WandbReplay.ReplayArtifact("QXJ0aWZhY3Q6Mw==", "raw", "dataset", "77aa", 1, List.of(),
                Map.of("a.csv", "s3://acme-data/churn/raw/a.csv", "b.csv", "s3://acme-data/churn/raw/b.csv")));
        api.runs().get(2).used.add("QXJ0aWZhY3Q6Mw==");
        Path events = tmp.resolve("events.json");
        java.nio.file.Files.writeString(events, """
                {"eventType":"COMPLETE","eventTime":"2026-11-29T10:00:00Z","producer":"https://example.com/etl",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run":{"runId":"01900000-0000-7000-8000-000000000001"},"job":{"namespace":"etl","name":"export"},
                 "inputs":[],"outputs":[{"namespace":"s3://acme-data","name":"/churn/train.csv"},
                                        {"namespace":"s3a://acme-data","name":"churn/raw/"}]}
                """.replace("\n", ""));
        dev.braid.lineage.ImportReport r0 = new dev.braid.lineage.OpenLineageImporter(new dev.braid.lineage.OpenLineageValidator(dev.braid.lineage.EventLimits.STANDARD),
                new dev.braid.lineage.OpenLineageIngest(lineage)).importPaths(List.of(events)); 
        assertEquals(List.of(), r0.problems());
        Source source = add();

        sync(source);

        dev.braid.lineage.NodeId etl = new dev.braid.lineage.NodeId("job-run:01900000-0000-7000-8000-000000000001");
        List<List<dev.braid.lineage.NodeId>> toBaseline = lineage.paths(etl,
                new dev.braid.lineage.NodeId("mlflow-run:team-wb:run00000"), 5, null);
        assertEquals(List.of(List.of("job-run:01900000-0000-7000-8000-000000000001", "dataset:s3://acme-data:churn/train.csv",
                "dataset-version:wandb://acme/churn:training-data@124368548e8d18970a050ff1b903b947",
                "mlflow-run:team-wb:run00000")), toBaseline.stream().map(p -> p.stream().map(dev.braid.lineage.NodeId::value)
                .toList()).toList());
        List<List<dev.braid.lineage.NodeId>> toThird = lineage.paths(etl,
                new dev.braid.lineage.NodeId("mlflow-run:team-wb:run00002"), 5, null);
        assertEquals(1, toThird.size(), "the folder the event names is the folder W&B references");
        assertEquals("dataset:s3://acme-data:churn/raw", toThird.get(0).get(1).value());
    }

    @Test
    void theReplayRefusesFieldsWandbsClientNeverAsks() {
        assertNull(WandbReplay.unknownField(WandbServer.RUNS));
        assertNull(WandbReplay.unknownField(WandbServer.RUN));
        assertNull(WandbReplay.unknownField(WandbServer.ARTIFACTS.formatted("outputArtifacts")));
        assertNull(WandbReplay.unknownField(WandbServer.HISTORY));
        assertNull(WandbReplay.unknownField(WandbServer.MANIFEST));
        assertEquals("lastHistoryStepX", WandbReplay.unknownField("query Q($n: String!) { project { run(name: $n)"
                + " { name lastHistoryStepX } } }"));
    }

    private List<String> edges() {
        return rows("SELECT from_id || ' -' || kind || '-> ' || to_id FROM lineage_edges");
    }

    private List<String> snapshot() {
        List<String> out = new ArrayList<>();
        for (String table : List.of("runs", "run_params", "run_metrics", "run_tags", "metric_history", "wandb_run_artifacts",
                "experiments", "lineage_edges", "lineage_nodes")) {
            out.add(table);
            out.addAll(rows("SELECT * FROM " + table + " ORDER BY 1, 2, 3"));
        }
        out.addAll(rows("SELECT id, cursor FROM sources"));
        return out;
    }

    private List<String> rows(String sql) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    out.add(row.toString());
                }
            }
            return out;
        });
    }
}
