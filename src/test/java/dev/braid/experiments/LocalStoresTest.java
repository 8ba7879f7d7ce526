package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.TestContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local MLflow stores (a SQLite backend file and a legacy mlruns folder), written by the real MLflow
 * client without a server, synced by Braid and compared with what the client reads back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStoresTest {
    private static final String NAN_METRIC = "nan";
    private final ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final Map<String, String> uris = new LinkedHashMap<>();
    private final Map<String, JsonNode> seeded = new LinkedHashMap<>();
    private Path tmp;

    @BeforeAll
    void seedBothStores(@TempDir Path dir) throws Exception {
        tmp = dir;
        MlflowHarness.ensureVenv();
        uris.put("sqlite", "sqlite:///" + dir.resolve("sq/mlflow.db"));
        uris.put("file", dir.resolve("fs/mlruns").toString());
        for (Map.Entry<String, String> store : uris.entrySet()) {
            Files.createDirectories(dir.resolve(store.getKey().equals("sqlite") ? "sq" : "fs"));
            seeded.put(store.getKey(), python(store.getKey(), "seed-local"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "file"})
    void aSyncHoldsWhatTheMlflowClientReadsBack(String kind) throws Exception {
        Fixture f = new Fixture(tmp.resolve("cache-" + kind + ".db"));
        byte[] before = kind.equals("sqlite") ? Files.readAllBytes(storePath(kind)) : null;
        Source source = f.service.addMlflow(uris.get(kind), null, null, null, null);
        f.syncer.sync(source, TestContexts.quiet());
        JsonNode dump = python(kind, "dump");
        assertEquals(normalisedRuns(dump), cachedRuns(f));
        assertEquals(json.readTree(json.writeValueAsString(sortedModels(dump))), json.readTree(json.writeValueAsString(models(f))));
        assertEquals(json.readTree(json.writeValueAsString(dump.get("logged_models"))),
                json.readTree(json.writeValueAsString(LoggedModelView.of(f.service.loggedModels()))));
        assertEquals(2, f.service.loggedModels().size(), "the deleted logged model is left out");
        Map<String, Map<String, String>> experiments = new TreeMap<>();
        f.service.experiments().forEach(e -> experiments.put(e.name(), e.tags()));
        Map<String, Map<String, String>> expected = new TreeMap<>();
        dump.get("experiments").forEach(e -> expected.put(e.get("name").asText(), json.convertValue(e.get("tags"), Map.class)));
        assertEquals(expected, experiments);

        JsonNode seed = seeded.get(kind);
        RunDetail child = f.service.run(source.id(), seed.get("child_runs").get(0).asText()).orElseThrow();
        assertEquals(seed.get("parent_run").asText(), child.summary().parentRunId());
        assertEquals(3, f.service.run(source.id(), seed.get("parent_run").asText()).orElseThrow().childRunIds().size());
        assertTrue(f.service.run(source.id(), seed.get("deleted_runs").get(0).asText()).isEmpty(), "deleted runs are left out");
        RunDetail edges = f.service.run(source.id(), seed.get("edge_run").asText()).orElseThrow();
        assertEquals(2.0, edges.summary().metrics().get("same_step"), "latest = largest step, then latest timestamp");
        if (before != null) {
            assertArrayEquals(before, Files.readAllBytes(storePath(kind)), "the store is only read");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "file"})
    void metricHistoriesAreReadOnDemandLikeTheClientReadsThem(String kind) throws Exception {
        Fixture f = new Fixture(tmp.resolve("history-" + kind + ".db"));
        Source source = f.service.addMlflow(uris.get(kind), "local-" + kind, null, null, null);
        f.syncer.sync(source, TestContexts.quiet());
        JsonNode seed = seeded.get(kind);
        for (String[] runAndKey : List.of(new String[] {seed.get("child_runs").get(1).asText(), "loss"},
                new String[] {seed.get("edge_run").asText(), "same_step"})) {
            long pk = f.service.run(source.id(), runAndKey[0]).orElseThrow().summary().runPk();
            List<MetricPoint> history = f.service.metricHistory(pk, runAndKey[1]);
            JsonNode expected = python(kind, "history", runAndKey[0], runAndKey[1]);
            assertEquals(json.readTree(json.writeValueAsString(expected)), json.readTree(json.writeValueAsString(
                    history.stream().map(p -> Map.of("step", p.step(), "timestamp", p.timestamp(), "value", p.value())).toList())));
        }
    }

    @Test
    void aStoreOfANewerRevisionIsReadWhenItHasWhatBraidReads() throws Exception {
        Path copy = storeCopy("newer", "UPDATE alembic_version SET version_num = 'ffffffff'");
        Fixture f = new Fixture(tmp.resolve("newer-cache.db"));
        Source source = f.service.addMlflow("sqlite:///" + copy, null, null, null, null);
        f.syncer.sync(source, TestContexts.quiet());
        Fixture original = new Fixture(tmp.resolve("original-cache.db"));
        original.syncer.sync(original.service.addMlflow(uris.get("sqlite"), null, null, null, null), TestContexts.quiet());
        assertEquals(original.service.experiments().size(), f.service.experiments().size());
        assertEquals(original.service.runs(RunQuery.all()).size(), f.service.runs(RunQuery.all()).size(),
                "read like the store it was copied from");
    }

    @Test
    void aStoreWithoutWhatEveryMlflowStoreHasSaysWhatToDo() throws Exception {
        Path newer = storeCopy("newer-renamed", "UPDATE alembic_version SET version_num = 'ffffffff'",
                "ALTER TABLE runs RENAME COLUMN lifecycle_stage TO stage");
        Fixture f = new Fixture(tmp.resolve("renamed-cache.db"));
        Source source = f.service.addMlflow("sqlite:///" + newer, null, null, null, null);
        String message = assertThrows(SyncFailure.class, () -> f.syncer.sync(source, TestContexts.quiet())).getMessage();
        assertTrue(message.contains("schema revision ffffffff, newer than Braid knows"), message);
        assertTrue(message.contains("has no runs.lifecycle_stage"), message);
        assertTrue(message.contains("mlflow server --backend-store-uri sqlite:///" + newer), message);
        assertTrue(f.service.experiments().isEmpty(), "nothing is cached from a store Braid cannot read");

        Path old = storeCopy("old-renamed", "UPDATE alembic_version SET version_num = '90e64c465722'",
                "ALTER TABLE runs RENAME COLUMN lifecycle_stage TO stage");
        Source oldSource = f.service.addMlflow("sqlite:///" + old, null, null, null, null);
        String oldMessage = assertThrows(SyncFailure.class, () -> f.syncer.sync(oldSource, TestContexts.quiet())).getMessage();
        assertTrue(oldMessage.contains("which every MLflow store since 1.0 has"), oldMessage);
        assertTrue(oldMessage.contains("mlflow server --backend-store-uri"), oldMessage);
        String lower = oldMessage.toLowerCase(java.util.Locale.ROOT);
        assertFalse(lower.contains("newer braid") || lower.contains("upgrade braid") || lower.contains("update braid")
                || lower.contains("newer than braid"), "an older store is never told to wait for another Braid: " + oldMessage);
    }

    @Test
    void aHostileMetaYamlSkipsItsRunAndTheRestOfTheFileStoreIsRead() throws Exception {
        Path copy = tmp.resolve("hostile-fs/mlruns");
        try (java.util.stream.Stream<Path> files = Files.walk(storePath("file"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = copy.resolve(storePath("file").relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        JsonNode seed = seeded.get("file");
        String bombed = seed.get("child_runs").get(0).asText();
        String nested = seed.get("child_runs").get(1).asText();
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'h'; c++) {
            String p = "*" + (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(10, p)))
                    .append("]\n");
        }
        for (Path meta : List.of(runMeta(copy, bombed), runMeta(copy, nested))) {
            Files.writeString(meta, meta.getParent().getFileName().toString().equals(bombed) ? bomb + "run_id: *h\n"
                    : "run_id: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        }
        Fixture f = new Fixture(tmp.resolve("hostile-cache.db"));
        Source source = f.service.addMlflow(copy.toString(), null, null, null, null);
        f.syncer.sync(source, TestContexts.quiet());
        Fixture original = new Fixture(tmp.resolve("hostile-original.db"));
        original.syncer.sync(original.service.addMlflow(uris.get("file"), null, null, null, null), TestContexts.quiet());
        assertEquals(original.service.runs(RunQuery.all()).size() - 2, f.service.runs(RunQuery.all()).size(),
                "the two runs whose meta.yaml cannot be read are skipped, the others read");
        assertTrue(f.service.run(source.id(), bombed).isEmpty() && f.service.run(source.id(), nested).isEmpty());
    }

    private static Path runMeta(Path mlruns, String runId) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(mlruns)) {
            return files.filter(p -> p.getFileName().toString().equals("meta.yaml") && p.getParent().getFileName().toString().equals(runId))
                    .findFirst().orElseThrow();
        }
    }

    /** A copy of the seeded SQLite store with {@code statements} applied. */
    private Path storeCopy(String name, String... statements) throws Exception {
        Path copy = tmp.resolve(name + "/mlflow.db");
        Files.createDirectories(copy.getParent());
        Files.copy(storePath("sqlite"), copy);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
            for (String sql : statements) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.executeUpdate();
                }
            }
        }
        return copy;
    }

    @Test
    void addingRefusesWhatIsNotALocalStore() throws Exception {
        Fixture f = new Fixture(tmp.resolve("add-cache.db"));
        Path empty = Files.createDirectories(tmp.resolve("not-mlruns"));
        String noDb = assertThrows(ExperimentException.class,
                () -> f.service.addMlflow("sqlite:///" + tmp.resolve("missing.db"), null, null, null, null)).getMessage();
        assertTrue(noDb.contains("no MLflow database at"), noDb);
        String notStore = assertThrows(ExperimentException.class,
                () -> f.service.addMlflow(empty.toString(), null, null, null, null)).getMessage();
        assertTrue(notStore.contains("is not an MLflow file store"), notStore);
        assertThrows(ExperimentException.class, () -> f.service.addMlflow(uris.get("file"), null, "TOKEN", null, null));
        Source file = f.service.addMlflow("file://" + uris.get("file"), null, null, null, null);
        assertEquals("file://" + uris.get("file"), file.config(MlflowConnector.URI_KEY));
        assertEquals("mlflow-fs-mlruns", file.name());
    }

    private Path storePath(String kind) {
        return kind.equals("sqlite") ? tmp.resolve("sq/mlflow.db") : tmp.resolve("fs/mlruns");
    }

    private List<Map<String, Object>> cachedRuns(Fixture f) throws Exception {
        List<Map<String, Object>> cached = new ArrayList<>();
        for (RunSummary run : f.service.runs(RunQuery.all())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run_id", run.runId());
            row.put("experiment_id", run.experimentId());
            row.put("run_name", run.runName());
            row.put("status", run.status());
            row.put("start_time", run.startTime());
            row.put("end_time", run.endTime());
            row.put("params", new TreeMap<>(run.params()));
            TreeMap<String, Double> metrics = new TreeMap<>(run.metrics());
            // The cache keeps a NaN latest value as a missing value (NULL), which the filter semantics
            // rely on, while the client reports NaN; that one key is left out of this comparison.
            metrics.remove(NAN_METRIC);
            row.put("metrics", metrics);
            row.put("tags", new TreeMap<>(run.tags()));
            row.put("datasets", f.service.run(run.runPk()).orElseThrow().datasets().stream()
                    .map(d -> Map.of("name", d.name(), "digest", d.digest(), "context", d.context()))
                    .sorted(Comparator.comparing((Map<String, String> d) -> d.get("name"))
                            .thenComparing(d -> d.get("context")).thenComparing(d -> d.get("digest"))).toList());
            cached.add(row);
        }
        cached.sort(Comparator.comparing(r -> (String) r.get("run_id")));
        return json.readValue(json.writeValueAsString(cached), List.class);
    }

    /** The client's runs, in the shape of {@link #cachedRuns}. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> normalisedRuns(JsonNode dump) throws Exception {
        List<Map<String, Object>> expected = new ArrayList<>();
        for (JsonNode run : dump.get("runs")) {
            Map<String, Object> row = json.convertValue(run, LinkedHashMap.class);
            for (String key : List.of("params", "metrics", "tags")) {
                row.put(key, new TreeMap<>((Map<String, Object>) row.get(key)));
            }
            ((Map<String, Object>) row.get("metrics")).remove(NAN_METRIC);
            expected.add(row);
        }
        expected.sort(Comparator.comparing(r -> (String) r.get("run_id")));
        return json.readValue(json.writeValueAsString(expected), List.class);
    }

    /** The client's models; versions as text, as MLflow's REST API and Braid give them (the client's SQL store gives ints). */
    private List<JsonNode> sortedModels(JsonNode dump) {
        List<JsonNode> expected = new ArrayList<>();
        for (JsonNode model : dump.get("models")) {
            ObjectNode copy = model.deepCopy();
            ObjectNode aliases = (ObjectNode) copy.get("aliases");
            aliases.properties().forEach(e -> e.setValue(TextNode.valueOf(e.getValue().asText())));
            copy.get("versions").forEach(v -> ((ObjectNode) v).put("version", v.get("version").asText()));
            expected.add(copy);
        }
        expected.sort((a, b) -> a.get("name").asText().compareToIgnoreCase(b.get("name").asText()));
        return expected;
    }

    private List<Map<String, Object>> models(Fixture f) {
        List<Map<String, Object>> models = RegistryView.of(f.service.models());
        return models;
    }

    /** Runs {@code seed_mlflow.py} against one local store, with no server anywhere. */
    private JsonNode python(String kind, String... commandAndArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(MlflowHarness.VENV.resolve("bin/python").toString(),
                MlflowHarness.SCRIPT.toString()));
        command.addAll(List.of(commandAndArgs));
        Path workDir = storePath(kind).getParent();
        Path log = workDir.resolve("python.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(log.toFile());
        builder.environment().put("MLFLOW_TRACKING_URI", kind.equals("sqlite") ? uris.get(kind) : "file://" + uris.get(kind));
        // MLflow 3.13+ refuses to write a file store unless asked to.
        builder.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("seed_mlflow.py " + String.join(" ", commandAndArgs) + " failed:\n" + out
                    + "\n" + Files.readString(log));
        }
        String[] lines = out.strip().split("\n");
        return json.readTree(lines[lines.length - 1]);
    }

    private static final class Fixture {
        final ExperimentService service;
        final MlflowSyncer syncer;

        Fixture(Path cache) throws Exception {
            Database db = Database.open(cache);
            SourceStore sources = new SourceStore(db, Clock.systemUTC());
            MlflowConnector connector = new MlflowConnector(Map.of(), Duration.ofSeconds(30));
            service = new ExperimentService(db, sources, connector, Clock.systemUTC());
            syncer = new MlflowSyncer(db, sources, connector, Clock.systemUTC());
        }
    }
}
