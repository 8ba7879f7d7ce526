package dev.braid.experiments.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.testing.MlflowHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same expressions through MLflow's own {@code runs/search} on a real tracking server and
 * through Braid's local evaluation of the cache: same runs, same order. Runs are seeded on the
 * server, read back, and cached the way the sync caches them (NaN metrics as NULL).
 */
class RunFilterAgainstMlflowTest {
    @TempDir
    static Path tmp;

    private static MlflowHarness mlflow;
    private static MlflowRunsApi api;
    private static RunCacheFixture cache;
    private static String experimentId;

    @BeforeAll
    static void seedServerAndCache() throws Exception {
        mlflow = MlflowHarness.start(tmp.resolve("mlflow"));
        api = new MlflowRunsApi(mlflow.uri());
        experimentId = api.createExperiment("filter-cross-check");
        seed("alpha", "ann", 1000, "FINISHED", 2000L,
                Map.of("lr", "0.01", "model", "xgb", "my.key", "dotted", "learning-rate", "3"),
                Map.of("rmse", 0.4, "acc", 0.9), Map.of("team", "ml-core", "Env", "Prod"),
                List.of(List.of("train", "d1", "training")));
        seed("beta", "bob", 2000, "FAILED", 3000L, Map.of("lr", "0.1", "model", "XGB"),
                Map.of("rmse", 0.7, "acc", Double.NaN), Map.of("team", "ML-ops"),
                List.of(List.of("eval", "d2", "evaluation"), List.of("train", "d1", "training")));
        seed("gamma", "ann", 3000, "RUNNING", null, Map.of("lr", "1e-3", "model", "lightgbm"),
                Map.of("rmse", -1.5, "acc", 0.95), Map.of("team", "ml_core", "note", "axbyc"), List.of());
        seed("delta", "cy", 4000, "FINISHED", 5000L, Map.of("model", "10"), Map.of("rmse", 1e5),
                Map.of("note", "a*b?[c]"), List.of());
        seed("epsilon", "dee", 5000, "KILLED", 6000L, Map.of(), Map.of(), Map.of(), List.of());
        seed("zeta", "ann", 3000, "FINISHED", 3500L, Map.of("lr", "0.01"), Map.of("rmse", 0.4, "acc", 0.9),
                Map.of("team", "ml-core"), List.of(List.of("Train", "D1", "training")));
        cache = RunCacheFixture.open(tmp);
        for (JsonNode run : api.search(experimentId, "", List.of())) {
            copyToCache(run);
        }
    }

    @AfterAll
    static void stop() {
        if (cache != null) {
            cache.close();
        }
        if (mlflow != null) {
            mlflow.close();
        }
    }

    private static void seed(String name, String user, long start, String status, Long end, Map<String, String> params,
            Map<String, Double> metrics, Map<String, String> tags, List<List<String>> datasets) throws Exception {
        String runId = api.createRun(experimentId, name, user, start);
        api.logBatch(runId, params, metrics, tags);
        for (List<String> d : datasets) {
            api.logDataset(runId, d.get(0), d.get(1), d.get(2));
        }
        if (end != null) {
            api.finish(runId, status, end);
        }
    }

    private static void copyToCache(JsonNode run) {
        JsonNode info = run.path("info");
        RunCacheFixture.Run row = cache.run(info.path("run_id").asText(), info.path("start_time").asLong())
                .end(info.hasNonNull("end_time") ? info.path("end_time").asLong() : null)
                .status(info.path("status").asText()).nameColumnOnly(info.path("run_name").asText(null))
                .user(info.path("user_id").asText(null)).artifactUri(info.path("artifact_uri").asText(null));
        run.path("data").path("params").forEach(p -> row.param(p.path("key").asText(), p.path("value").asText()));
        run.path("data").path("tags").forEach(t -> row.tag(t.path("key").asText(), t.path("value").asText()));
        run.path("data").path("metrics").forEach(m -> row.metric(m.path("key").asText(),
                m.path("value").isNumber() ? m.path("value").asDouble() : Double.parseDouble(m.path("value").asText())));
        for (JsonNode input : run.path("inputs").path("dataset_inputs")) {
            String context = null;
            for (JsonNode tag : input.path("tags")) {
                if (tag.path("key").asText().equals("mlflow.data.context")) {
                    context = tag.path("value").asText();
                }
            }
            JsonNode dataset = input.path("dataset");
            row.dataset(dataset.path("name").asText(), dataset.path("digest").asText(), context);
        }
        row.insert();
    }

    static Stream<Arguments> expressions() {
        List<Arguments> all = new ArrayList<>();
        for (String filter : List.of("", "metrics.rmse < 0.5", "metrics.rmse > -2", "metrics.rmse >= 1e5",
                "metrics.rmse = 100000", "metric.rmse <= 0.4", "metrics.rmse != 0.4", "metrics.acc != 0.9",
                "metrics.acc < 1", "metrics.acc = 0", "metrics.acc >= 0", "metrics.rmse > -1.5E0",
                "params.model = 'xgb'", "params.model = \"XGB\"", "params.model != 'xgb'", "params.lr = '0.010'",
                "param.model = '10'", "parameters.lr = '0.01'", "params.model LIKE 'xg%'", "params.model ILIKE 'xg%'",
                "params.model LIKE '%G%'", "params.model like '_gb'", "tags.team LIKE 'ml-%'", "tags.team ILIKE 'ml-%'",
                "tags.team LIKE 'ml_core'", "tags.Env ILIKE 'prod'", "tags.env = 'Prod'", "tags.note LIKE 'a*b?[c]'",
                "tags.note LIKE 'a*%'", "tags.note LIKE 'a_b_c'", "params.model IS NULL", "params.lr IS NULL",
                "params.lr is not null", "tags.team IS NOT NULL", "params.`my.key` = 'dotted'",
                "params.\"my.key\" = 'dotted'", "params.my.key = 'dotted'", "params.`learning-rate` = '3'",
                "`params`.lr = '0.1'", "attributes.status = 'FINISHED'", "status = 'finished'",
                "attr.status ILIKE 'finished'", "run.status != 'FINISHED'", "attributes.user_id = 'ann'",
                "attributes.artifact_uri LIKE '%artifacts%'", "attributes.run_name = 'alpha'", "`Run Name` LIKE '%a'",
                "attributes.\"run name\" = 'beta'", "attributes.start_time >= 3000", "attributes.created < 2000",
                "Created = 2000", "attributes.start_time > 2500.5", "attributes.end_time > 0",
                "attributes.end_time != 2000", "datasets.name = 'train'", "datasets.name != 'train'",
                "datasets.digest = 'd1'", "dataset.context IN ('evaluation', 'test')", "datasets.name NOT IN ('train')",
                "datasets.name ILIKE 'TR%'", "datasets.name IN ('Train')", "datasets.context = 'training'",
                "datasets.context != 'training'", "datasets.digest IN ('d1', 'd2')", "datasets.digest != 'd1'",
                "datasets.name LIKE 'tr%'", "datasets.name LIKE '%a%' and datasets.context = 'evaluation'",
                "datasets.digest = 'D1'", "datasets.context NOT IN ('training')",
                "params.model ILIKE 'XGB' and metrics.rmse < 0.5 AND tags.team LIKE 'ml-%'")) {
            all.add(Arguments.of(filter, List.of()));
        }
        for (List<String> order : List.of(List.of("metrics.rmse DESC"), List.of("metrics.rmse ASC"), List.of("metric.rmse"),
                List.of("metrics.acc DESC"), List.of("metrics.acc asc"), List.of("params.lr"), List.of("params.lr DESC"),
                List.of("tags.team", "metrics.rmse DESC"), List.of("attributes.end_time ASC"),
                List.of("attributes.end_time DESC"), List.of("attributes.start_time ASC"), List.of("created"),
                List.of("attributes.run_id DESC"), List.of("attributes.run_name"), List.of("attributes.status DESC"),
                List.of("params.`my.key` DESC", "metrics.acc"), List.of("attributes.user_id", "metrics.rmse DESC"))) {
            all.add(Arguments.of("", order));
            all.add(Arguments.of("metrics.rmse > -10", order));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} ORDER BY {1}")
    @MethodSource("expressions")
    void braidReturnsWhatMlflowReturnsInTheSameOrder(String filter, List<String> orderBy) throws Exception {
        List<String> expected = new ArrayList<>();
        for (JsonNode run : api.search(experimentId, filter, orderBy)) {
            expected.add(run.path("info").path("run_id").asText());
        }
        assertEquals(expected, cache.ids(RunFilter.parse(filter), RunOrder.parse(orderBy)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics.rmse 0.5", "metrics.rmse LIKE '0.5'", "attributes.foo = 'x'", "metrics.rmse < 'x'",
        "params.lr = 0.01", "foo.bar = 'x'", "attributes.status IN ('a')", "run_id IN ()", "metrics.x IS NULL",
        "params.x == 'a'", "params.x NOT LIKE 'a'", "datasets.size = 'x'",
        "attributes.status < 'x'", "attributes.start_time LIKE '1%'", "attributes.start_time = '1'"})
    void bothRejectTheSameMistakes(String filter) {
        MlflowRunsApi.ApiError refused = assertThrows(MlflowRunsApi.ApiError.class,
                () -> api.search(experimentId, filter, List.of()));
        assertEquals(400, refused.status, refused.getMessage());
        assertThrows(FilterSyntaxException.class, () -> RunFilter.parse(filter));
    }

    /** MLflow silently ignores an AND with nothing after it; Braid points at the missing clause. */
    @Test
    void aDanglingAndIsTheOneKnownDifference() throws Exception {
        assertEquals(api.search(experimentId, "metrics.rmse > 1", List.of()).size(),
                api.search(experimentId, "metrics.rmse > 1 AND", List.of()).size());
        assertEquals(20, assertThrows(FilterSyntaxException.class, () -> RunFilter.parse("metrics.rmse > 1 AND")).position());
    }
}
