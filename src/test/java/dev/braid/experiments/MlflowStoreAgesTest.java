package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.PythonEnv;
import dev.braid.testing.TestContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Local MLflow stores written by real MLflow releases of three ages (1.x and 2.x from the
 * registry in their own virtual environments, and today's 3.x), as SQLite files and as mlruns
 * folders: Braid syncs each and holds exactly what that MLflow's own client lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlflowStoreAgesTest {
    static final Path SCRIPT = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/experiments/seed_any_mlflow.py");
    static final Path UPGRADE = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/experiments/upgrade_mlflow_store.py");
    private static final List<String> ENVS = List.of("mlflow1", "mlflow2", "main");
    private final ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final Map<String, Store> stores = new LinkedHashMap<>();
    private Path tmp;

    /** A store one MLflow wrote, what its seeding answered, and what its client lists. */
    record Store(PythonEnv env, String kind, Path folder, String uri, JsonNode seeded, JsonNode dump) {
    }

    @BeforeAll
    void writeEveryStore(@TempDir Path dir) throws Exception {
        tmp = dir;
        for (String name : ENVS) {
            PythonEnv env = (name.equals("main") ? PythonEnv.main() : PythonEnv.named(name)).ensure();
            for (String kind : List.of("sqlite", "file")) {
                Path folder = Files.createDirectories(dir.resolve(name + "-" + kind));
                String uri = kind.equals("sqlite") ? "sqlite:///" + folder.resolve("mlflow.db") : folder.resolve("mlruns").toString();
                JsonNode seeded = python(env, folder, uri, kind, "seed");
                stores.put(name + "/" + kind, new Store(env, kind, folder, uri, seeded, python(env, folder, uri, kind, "dump")));
            }
        }
    }

    Stream<Arguments> stores() {
        return ENVS.stream().flatMap(env -> Stream.of(Arguments.of(env, "sqlite"), Arguments.of(env, "file")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stores")
    void braidHoldsWhatThatMlflowsClientLists(String env, String kind) throws Exception {
        Store store = stores.get(env + "/" + kind);
        Fixture f = new Fixture(tmp.resolve("cache-" + env + "-" + kind + ".db"));
        Source source = f.service.addMlflow(store.uri(), null, null, null, null);
        f.syncer.sync(source, TestContexts.quiet());

        assertTrue(store.seeded().get("mlflow").asText().startsWith(env.equals("main") ? "3." : env.substring(6) + "."),
                "written by the MLflow of " + env + ": " + store.seeded());
        assertEquals(expectedRuns(store.dump()), cachedRuns(f));
        assertEquals(expectedExperiments(store.dump()), cachedExperiments(f));
        assertEquals(json.readTree(json.writeValueAsString(store.dump().get("models"))),
                json.readTree(json.writeValueAsString(cachedModels(f))));
        assertFalse(f.service.run(source.id(), store.seeded().get("deleted_run").asText()).isPresent(),
                "a deleted run is left out, as the client leaves it out");
        RunDetail child = f.service.run(source.id(), store.seeded().get("child_runs").get(0).asText()).orElseThrow();
        assertEquals(store.seeded().get("parent_run").asText(), child.summary().parentRunId());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stores")
    void metricHistoriesAreTheClientsToo(String env, String kind) throws Exception {
        Store store = stores.get(env + "/" + kind);
        Fixture f = new Fixture(tmp.resolve("history-" + env + "-" + kind + ".db"));
        Source source = f.service.addMlflow(store.uri(), "store-" + env + "-" + kind, null, null, null);
        f.syncer.sync(source, TestContexts.quiet());
        int compared = 0;
        for (var run : store.dump().get("histories").properties()) {
            long pk = f.service.run(source.id(), run.getKey()).orElseThrow().summary().runPk();
            for (var metric : run.getValue().properties()) {
                List<Map<String, Object>> braid = new ArrayList<>();
                for (MetricPoint p : f.service.metricHistory(pk, metric.getKey())) {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("step", p.step());
                    point.put("timestamp", p.timestamp());
                    point.put("value", p.value());
                    braid.add(point);
                }
                assertEquals(metric.getValue(), json.readTree(json.writeValueAsString(braid)),
                        env + " " + kind + " " + run.getKey() + " " + metric.getKey());
                compared++;
            }
        }
        assertTrue(compared >= 5, "every metric of every run, the client's get_metric_history against Braid's");
    }

    @Test
    void everySchemaRevisionSinceTheOldestStoreReadsTheSame() throws Exception {
        Store old = stores.get("mlflow1/sqlite");
        Path walk = Files.createDirectories(tmp.resolve("walk"));
        Path db = walk.resolve("mlflow.db");
        Files.copy(old.folder().resolve("mlflow.db"), db);
        // Today's MLflow upgrades the old store one revision at a time, as `mlflow db upgrade` would, keeping a copy at each.
        JsonNode copies = run(PythonEnv.main(), walk, Map.of(), UPGRADE, db.toString(), walk.resolve("revisions").toString());
        List<String> revisions = new ArrayList<>();
        copies.forEach(c -> revisions.add(c.get(0).asText()));
        int first = SqliteSchema.KNOWN.indexOf(revisions.get(0));
        assertTrue(first >= 0, "the old store's revision is one Braid knows: " + revisions.get(0));
        assertEquals(SqliteSchema.KNOWN.subList(first, SqliteSchema.KNOWN.size()), revisions,
                "every revision from the old store's to the newest Braid knows, in MLflow's order");
        JsonNode runs = expectedRuns(old.dump());
        JsonNode models = json.readTree(json.writeValueAsString(old.dump().get("models")));
        for (JsonNode copy : copies) {
            Fixture f = new Fixture(walk.resolve("cache-" + copy.get(0).asText() + ".db"));
            Source source = f.service.addMlflow("sqlite:///" + copy.get(1).asText(), null, null, null, null);
            f.syncer.sync(source, TestContexts.quiet());
            assertEquals(runs, cachedRuns(f), "runs at revision " + copy.get(0).asText());
            assertEquals(models, json.readTree(json.writeValueAsString(cachedModels(f))), "models at revision " + copy.get(0).asText());
            assertEquals(expectedExperiments(old.dump()), cachedExperiments(f), "experiments at revision " + copy.get(0).asText());
        }
    }

    @Test
    void aStoreFromAPublicRepositoryReadsAsItsClientListsIt() throws Exception {
        // Committed to a public project by MLflow 1.2x on Windows (origin and licence: corpus/README.md).
        Path corpus = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/corpus/mlflow/dvc-mlflow-classification-workflow/mlruns");
        Path store = tmp.resolve("public/mlruns");
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = store.resolve(corpus.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        JsonNode dump = python(PythonEnv.named("mlflow2"), tmp.resolve("public"), store.toString(), "file", "dump");
        Fixture f = new Fixture(tmp.resolve("cache-public.db"));
        Source source = f.service.addMlflow(store.toString(), null, null, null, null);
        f.syncer.sync(source, TestContexts.quiet());
        assertTrue(dump.get("runs").size() >= 10, "the public store's runs: " + dump.get("runs").size());
        assertEquals(expectedRuns(dump), cachedRuns(f));
        assertEquals(expectedExperiments(dump), cachedExperiments(f));
    }

    /** The client's runs, keyed and sorted like {@link #cachedRuns}. */
    private JsonNode expectedRuns(JsonNode dump) throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (JsonNode run : dump.get("runs")) {
            Map<String, Object> row = json.convertValue(run, LinkedHashMap.class);
            for (String key : List.of("params", "metrics", "tags")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> values = (Map<String, Object>) row.get(key);
                row.put(key, new TreeMap<>(values));
            }
            runs.add(row);
        }
        runs.sort(Comparator.comparing(r -> (String) r.get("run_id")));
        return json.readTree(json.writeValueAsString(runs));
    }

    private JsonNode cachedRuns(Fixture f) throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunSummary run : f.service.runs(RunQuery.all())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run_id", run.runId());
            row.put("experiment_id", run.experimentId());
            row.put("run_name", run.runName());
            row.put("status", run.status());
            row.put("start_time", run.startTime());
            row.put("end_time", run.endTime());
            row.put("params", new TreeMap<>(run.params()));
            row.put("metrics", new TreeMap<>(run.metrics()));
            row.put("tags", new TreeMap<>(run.tags()));
            runs.add(row);
        }
        runs.sort(Comparator.comparing(r -> (String) r.get("run_id")));
        return json.readTree(json.writeValueAsString(runs));
    }

    private Map<String, Map<String, String>> expectedExperiments(JsonNode dump) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode e : dump.get("experiments")) {
            Map<String, String> tags = new TreeMap<>();
            e.get("tags").properties().forEach(t -> tags.put(t.getKey(), t.getValue().asText()));
            out.put(e.get("experiment_id").asText() + " " + e.get("name").asText(), tags);
        }
        return out;
    }

    private static Map<String, Map<String, String>> cachedExperiments(Fixture f) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        f.service.experiments().forEach(e -> out.put(e.experimentId() + " " + e.name(), new TreeMap<>(e.tags())));
        return out;
    }

    private static List<Map<String, Object>> cachedModels(Fixture f) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RegisteredModel m : f.service.models()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", m.name());
            model.put("tags", m.tags());
            model.put("aliases", m.aliases());
            model.put("versions", m.versions().stream().map(v -> {
                Map<String, Object> version = new LinkedHashMap<>();
                version.put("version", v.version());
                version.put("run_id", v.runId());
                version.put("status", v.status());
                version.put("tags", v.tags());
                return version;
            }).toList());
            out.add(model);
        }
        return out;
    }

    /** Runs {@code seed_any_mlflow.py} with the MLflow of {@code env} against one local store, no server anywhere. */
    JsonNode python(PythonEnv env, Path workDir, String uri, String kind, String... commandAndArgs) throws Exception {
        return run(env, workDir, Map.of("MLFLOW_TRACKING_URI", kind.equals("sqlite") ? uri : "file://" + uri),
                SCRIPT, commandAndArgs);
    }

    /** Runs a Python script of the tests in {@code env}; returns the JSON document on its last line. */
    JsonNode run(PythonEnv env, Path workDir, Map<String, String> variables, Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(env.python().toString(), script.toString()));
        command.addAll(List.of(args));
        Path log = workDir.resolve("python.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(variables);
        // MLflow 3.13+ refuses to write a file store unless asked to; older ones ignore this.
        builder.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(script.getFileName() + " " + String.join(" ", args) + " failed:\n" + out
                    + "\n" + Files.readString(log));
        }
        String[] lines = out.strip().split("\n");
        return json.readTree(lines[lines.length - 1]);
    }

    static final class Fixture {
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
