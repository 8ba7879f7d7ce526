package dev.braid.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.MlflowConnector;
import dev.braid.experiments.MlflowSyncer;
import dev.braid.features.feast.ViewField;
import dev.braid.lineage.Direction;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.ReachedNode;
import dev.braid.sync.Source;
import dev.braid.testing.FeastHarness;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.PythonEnv;
import dev.braid.testing.SharedServices;
import dev.braid.testing.TestContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real MLflow runs, logged by the MLflow client while a real Feast registry moves customer_stats
 * from v0 to v1, recording their features in each way Braid reads (a feature service param,
 * pinned references, unpinned references in a tag, a Feast saved dataset as input, the view's
 * source file as input), joined to the versions they used; the champion model trained on v0 is stale.
 */
@ExtendWith(SharedServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureUsageTest {
    private static final String PROJECT = "fraud_usage";
    private final ObjectMapper json = new ObjectMapper();
    private MlflowHarness mlflow;
    private FeatureCache cache;
    private Source mlflowSource;
    private FeatureUsageService usage;
    private LineageService lineage;
    private JsonNode before;
    private JsonNode after;

    @BeforeAll
    void start(SharedServices.Registry services, @TempDir Path tmp) throws Exception {
        FeastHarness feast = services.get("feast", FeastHarness.class, FeastHarness::start);
        FraudFeatureRepo repo = new FraudFeatureRepo(feast.newRepo(PROJECT));
        repo.prepare();
        mlflow = MlflowHarness.start(tmp.resolve("mlflow"));
        repo.step(1);
        before = runs("before-v1");
        repo.step(2);
        Path saved = repo.repo().dir().resolve("data/fraud_training.parquet");
        repo.repo().run(List.of(feast.env().python().toString(), script("saved_dataset.py"), "fraud_training", saved.toString()),
                "creating a saved dataset");
        after = runs("after-v1", repo.repo().dir().resolve("data/transactions.parquet").toString(), saved.toString());

        cache = new FeatureCache(tmp.resolve("cache.db"));
        ExperimentService experiments = new ExperimentService(cache.db, cache.sources,
                new MlflowConnector(Map.of(), Duration.ofSeconds(30)), Clock.systemUTC());
        mlflowSource = experiments.addMlflow(mlflow.uri(), "tracking", null, null, null);
        new MlflowSyncer(cache.db, cache.sources, new MlflowConnector(Map.of(), Duration.ofSeconds(30)), Clock.systemUTC())
                .sync(mlflowSource, TestContexts.quiet());
        cache.sync(cache.catalogue.addRegistry(repo.repo().dir().toString(), "registry", PROJECT, null));
        lineage = new LineageService(cache.db, Clock.systemUTC());
        lineage.rebuildMlflow(mlflowSource);
        new FeatureLinks(cache.db, lineage, Clock.systemUTC()).rebuild();
        usage = new FeatureUsageService(cache.db, cache.catalogue);
    }

    @AfterAll
    void stop() {
        if (cache != null) {
            cache.close();
        }
        if (mlflow != null) {
            mlflow.close();
        }
    }

    @Test
    void aFeatureServiceParamMeansEveryViewItServesAtTheVersionOfTheRunsStart() {
        assertEquals(Map.of("customer_stats", "v0 stale", "merchant_risk", "v0"), versions(before.get("service_run")));
    }

    @Test
    void pinnedReferencesAreThatVersion() {
        List<FeatureUse> uses = usage.usedByRun("tracking", before.get("pinned_run").asText());
        assertEquals(1, uses.size());
        assertTrue(uses.get(0).pinned());
        assertEquals("v0", uses.get(0).version());
        assertEquals("param features", uses.get(0).via());
    }

    @Test
    void valuesThatOnlyLookLikeReferencesAreNoUse() {
        assertEquals(Map.of(), versions(before.get("unrelated_run")));
    }

    @Test
    void unpinnedReferencesAfterTheChangeAreTheNewVersion() {
        assertEquals(Map.of("customer_stats", "v1"), versions(after.get("refs_run")));
    }

    @Test
    void aSavedDatasetInputStandsForItsFeatureService() {
        assertEquals(Map.of("customer_stats", "v1", "merchant_risk", "v0"), versions(after.get("saved_run")));
    }

    @Test
    void aDatasetInputReadFromAViewsSourceIsThatView() {
        assertEquals(Map.of("customer_stats", "v1"), versions(after.get("source_run")));
    }

    @Test
    void theChampionTrainedOnV0IsStaleAndTheDiffSaysWhy() throws Exception {
        List<FeatureUse> uses = usage.usedBy("customer_stats", "v0");
        FeatureUse champion = uses.stream().filter(u -> u.runId().equals(before.get("service_run").asText())).findFirst().orElseThrow();
        assertTrue(champion.stale());
        assertEquals("v1", champion.currentVersion());
        assertEquals(List.of(new ModelVersionRef("tracking", "fraud", before.get("champion").asText(), List.of("champion"))),
                champion.modelVersions());
        VersionDiff diff = cache.catalogue.diff("customer_stats", champion.version(), champion.currentVersion());
        assertEquals(List.of("max_amount"), diff.added().stream().map(ViewField::name).toList());
        List<FeatureUse> challenger = usage.usedByModelVersion("tracking", "fraud", after.get("challenger").asText());
        assertEquals(1, challenger.size());
        assertFalse(challenger.get(0).stale());
        List<FeatureUse> ofChampion = usage.usedByModelVersion("tracking", "fraud", before.get("champion").asText());
        assertEquals(2, ofChampion.size());
    }

    @Test
    void upstreamOfTheChampionAreItsFeatureVersionsAndTheirData() {
        List<String> upstream = new ArrayList<>();
        for (ReachedNode n : lineage.closure(LineageIds.modelVersion("tracking", "fraud", before.get("champion").asText()),
                Direction.UPSTREAM, 10, Instant.now())) {
            upstream.add(n.node().id().value());
        }
        assertTrue(upstream.contains("feature-view-version:" + PROJECT + ":customer_stats@v0"), upstream.toString());
        assertTrue(upstream.contains("feature-view-version:" + PROJECT + ":merchant_risk@v0"), upstream.toString());
        assertTrue(upstream.stream().anyMatch(id -> id.startsWith("dataset:file:") && id.endsWith("/data/transactions.parquet")),
                upstream.toString());
        assertFalse(upstream.contains("feature-view-version:" + PROJECT + ":customer_stats@v1"), upstream.toString());
    }

    /** The view → version (with " stale" when stale) a run used. */
    private Map<String, String> versions(JsonNode runId) {
        Map<String, String> out = new TreeMap<>();
        for (FeatureUse u : usage.usedByRun("tracking", runId.asText())) {
            out.put(u.view(), u.version() + (u.stale() ? " stale" : ""));
        }
        return out;
    }

    private JsonNode runs(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PythonEnv.main().ensure().python().toString(), script("feature_runs.py")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MLFLOW_TRACKING_URI", mlflow.uri());
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("feature_runs.py " + String.join(" ", args) + " failed:\n" + out);
        }
        String[] lines = out.strip().split("\n");
        return json.readTree(lines[lines.length - 1]);
    }

    private static String script(String name) {
        Path path = Path.of("src/test/resources/dev/braid/features").resolve(name).toAbsolutePath();
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing " + path);
        }
        return path.toString();
    }
}
