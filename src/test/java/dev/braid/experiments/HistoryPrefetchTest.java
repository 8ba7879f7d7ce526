package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.sync.Source;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/** Metric histories of starred experiments are fetched from a real MLflow server after a sync, within a bound. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryPrefetchTest {
    private final ObjectMapper json = new ObjectMapper();
    private MlflowCache cache;

    @BeforeAll
    void startAndSeed(@TempDir Path tmp) throws Exception {
        cache = MlflowCache.start(tmp);
    }

    @AfterAll
    void stop() {
        if (cache != null) {
            cache.close();
        }
    }

    private int cachedHistories() {
        return cache.db.read(c -> {
            try (var st = c.prepareStatement("SELECT COUNT(*) FROM metric_history_state"); var rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
    }

    private ExperimentKey experiment(String name) {
        return cache.service.experiments().stream().filter(e -> e.name().equals(name)).map(ExperimentKey::of)
                .findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void withoutStarsASyncFetchesNoHistory() throws Exception {
        cache.syncer.sync(cache.source, TestContexts.quiet());
        assertEquals(0, cachedHistories());
    }

    @Test
    @Order(2)
    void aBoundedPrefetchTakesTheNewestRunsFirst() throws Exception {
        cache.service.setExperimentStarred(experiment("fraud-detection"), true);
        HistoryPrefetch prefetch = new HistoryPrefetch(cache.db, Clock.systemUTC());
        RunSource client = RunSources.open(new MlflowConnector(Map.of(), Duration.ofSeconds(30)), cache.source);
        assertEquals(2, prefetch.prefetch(cache.source, client, TestContexts.quiet(), 2));
        assertEquals(2, cachedHistories());
    }

    @Test
    @Order(3)
    void aSyncFetchesEveryMissingHistoryOfStarredExperimentsAsTheServerHasThem() throws Exception {
        cache.syncer.sync(cache.source, TestContexts.quiet());
        // fraud-detection: three trials logging loss and accuracy, and their parent logging best_loss.
        assertEquals(7, cachedHistories());
        String trial = cache.seeded.get("child_runs").get(2).asText();
        long pk = cache.service.run(cache.source.id(), trial).orElseThrow().summary().runPk();
        JsonNode expected = cache.mlflow.python("history", trial, "accuracy");
        MetricStats stats = cache.service.cachedMetricStats(pk).get("accuracy");
        assertEquals(expected.size(), stats.count());
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (JsonNode point : expected) {
            min = Math.min(min, point.path("value").asDouble());
            max = Math.max(max, point.path("value").asDouble());
        }
        assertEquals(min, stats.min(), 1e-12);
        assertEquals(max, stats.max(), 1e-12);
        assertTrue(cache.service.runs(new RunQuery(null, List.of("churn"), null, null, 0)).stream()
                .allMatch(r -> cache.service.cachedMetricStats(r.runPk()).isEmpty()), "churn is not starred");
    }

    @Test
    @Order(4)
    void anUnreachableServerEndsThePrefetchQuietly() throws Exception {
        cache.service.setExperimentStarred(experiment("churn"), true);
        Source gone = new Source(cache.source.id(), cache.source.kind(), cache.source.name(),
                Map.of(MlflowConnector.URI_KEY, "http://127.0.0.1:9"), Instant.EPOCH);
        RunSource client = RunSources.open(new MlflowConnector(Map.of(), Duration.ofSeconds(5)), gone);
        int before = cachedHistories();
        assertEquals(0, new HistoryPrefetch(cache.db, Clock.systemUTC()).prefetch(gone, client, TestContexts.quiet(), 50));
        assertEquals(before, cachedHistories());
    }
}
