package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import dev.braid.sync.SourceStore;
import dev.braid.testing.GeneratedRuns;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paged listings, counts, key discovery, dataset inputs, stars and cached metric statistics over a real cache. */
class RunPagesAndStarsTest {
    @TempDir
    Path tmp;
    private Database db;
    private ExperimentService service;
    private long sourceId;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        SourceStore sources = new SourceStore(db, Clock.systemUTC());
        service = new ExperimentService(db, sources, new MlflowConnector(Map.of(), Duration.ofSeconds(5)), Clock.systemUTC());
        sourceId = service.addMlflow("http://127.0.0.1:5999", "tracking", null, null, null).id();
        GeneratedRuns.write(db, sourceId, "1", "big", "g", 2_500, 30);
        GeneratedRuns.write(db, sourceId, "2", "small", "s", 5, 0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static RunQuery big(String filter, String orderBy) {
        return new RunQuery(null, List.of(), List.of(new ExperimentKey(0, "?")), filter, orderBy, false, 0, 0);
    }

    private RunQuery bigExperiment(String filter, String orderBy) {
        return new RunQuery(null, List.of(), List.of(new ExperimentKey(sourceId, "1")), filter, orderBy, false, 0, 0);
    }

    @Test
    void pagesReadInTurnAddUpToTheWholeOrderedListing() throws Exception {
        for (String order : new String[] {null, "metrics.loss ASC", "params.seed DESC"}) {
            RunQuery query = bigExperiment("metrics.loss >= 100", order);
            List<String> whole = ids(service.runs(query));
            List<String> paged = new ArrayList<>();
            for (int offset = 0; ; offset += 700) {
                List<RunSummary> page = service.runs(query.page(offset, 700));
                paged.addAll(ids(page));
                if (page.size() < 700) {
                    break;
                }
            }
            assertEquals(2_400, whole.size());
            assertEquals(whole, paged, String.valueOf(order));
            assertEquals(2_400, service.countRuns(query));
        }
        assertEquals("g-2499", service.runs(bigExperiment(null, null).page(0, 1)).get(0).runId());
        assertEquals(List.of("g-100", "g-101"), ids(service.runs(bigExperiment(null, "metrics.loss ASC").page(100, 2))));
    }

    @Test
    void experimentsAreChosenByIdentityAndCountedWithoutPaging() throws Exception {
        assertEquals(0, service.countRuns(big(null, null)));
        assertEquals(2_505, service.countRuns(RunQuery.all()));
        RunQuery small = new RunQuery(null, List.of(), List.of(new ExperimentKey(sourceId, "2")), null, null, false, 3, 1);
        assertEquals(5, service.countRuns(small));
        assertEquals(List.of("s-1"), ids(service.runs(small)));
        assertThrows(ExperimentException.class, () -> service.countRuns(bigExperiment("metrics.loss >", null)));
    }

    @Test
    void summariesCarryTheirDatasetInputsAndDatasetFiltersApply() throws Exception {
        RunSummary run = service.runs(bigExperiment("attributes.run_id = 'g-4'", null)).get(0);
        assertEquals(1, run.datasets().size());
        DatasetInput input = run.datasets().get(0);
        assertEquals(List.of("train-1", "d1abcdef0123", "training"), List.of(input.name(), input.digest(), input.context()));
        assertEquals(834, service.countRuns(bigExperiment("datasets.name = 'train-0'", null)));
        assertEquals(833, service.countRuns(bigExperiment("datasets.digest = 'd2abcdef0123'", null)));
        assertEquals(2_500, service.countRuns(bigExperiment("datasets.context = 'training'", null)));
    }

    @Test
    void keyDiscoveryFindsEveryKeyOfTheChosenExperimentsOnly() {
        RunKeys keys = service.runKeys(bigExperiment(null, null));
        assertEquals(11, keys.metrics().size());
        assertTrue(keys.metrics().containsAll(List.of("loss", "k0", "k27")));
        assertEquals(11, keys.params().size());
        assertTrue(keys.params().contains("seed") && keys.params().contains("k28"));
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "k" + (3 * i + 2)).sorted().toList(), keys.tags());
        RunKeys small = service.runKeys(new RunQuery(null, List.of("small"), null, null, 0));
        assertEquals(new RunKeys(List.of("loss"), List.of("seed"), List.of()), small);
    }

    @Test
    void aStarIsShownFilteredByAndOutlivesTheRunBeingRewrittenBySync() throws Exception {
        service.setRunStarred(sourceId, "g-7", true);
        service.setRunStarred(sourceId, "s-2", true);
        RunQuery starred = new RunQuery(null, List.of(), List.of(), null, null, true, 0, 0);
        assertEquals(List.of("g-7", "s-2"), ids(service.runs(starred)));
        assertEquals(2, service.countRuns(starred));
        assertTrue(service.runs(bigExperiment("attributes.run_id = 'g-7'", null)).get(0).starred());
        assertFalse(service.runs(bigExperiment("attributes.run_id = 'g-8'", null)).get(0).starred());

        RemoteRun rewritten = new RemoteRun("g-7", "1", "renamed", "gen", "FINISHED", 1L, 2L, "active", null,
                Map.of(), List.of(), Map.of(), List.of());
        db.write(c -> new ExperimentStore().upsertRun(c, sourceId, rewritten, 5L));
        assertEquals(List.of("renamed"), service.runs(starred.page(1, 5)).stream().map(RunSummary::runName).toList());

        service.setRunStarred(sourceId, "g-7", false);
        service.setRunStarred(sourceId, "g-7", false);
        assertEquals(List.of("s-2"), ids(service.runs(starred)));
    }

    @Test
    void experimentsCanBeStarred() throws Exception {
        service.setExperimentStarred(new ExperimentKey(sourceId, "2"), true);
        assertEquals(java.util.Set.of(new ExperimentKey(sourceId, "2")), service.starredExperiments());
        service.setExperimentStarred(new ExperimentKey(sourceId, "2"), false);
        assertTrue(service.starredExperiments().isEmpty());
        assertThrows(ExperimentException.class, () -> service.setExperimentStarred(new ExperimentKey(sourceId, "9"), true));
    }

    @Test
    void cachedHistoriesGiveCountMinAndMaxPerMetric() throws Exception {
        long pk = service.runs(bigExperiment("attributes.run_id = 'g-3'", null)).get(0).runPk();
        assertTrue(service.cachedMetricStats(pk).isEmpty());
        db.write(c -> {
            new MetricHistoryStore().save(c, pk, "loss", List.of(new MetricPoint(0, 1, 0.9), new MetricPoint(1, 2, null),
                    new MetricPoint(2, 3, 0.2), new MetricPoint(3, 4, 0.4)), 10);
            new MetricHistoryStore().save(c, pk, "empty", List.of(), 10);
            return null;
        });
        Map<String, MetricStats> stats = service.cachedMetricStats(pk);
        assertEquals(new MetricStats(4, 0.2, 0.9), stats.get("loss"));
        assertEquals(new MetricStats(0, null, null), stats.get("empty"));
        assertEquals(stats.get("loss"), service.metricStats(pk, "loss"));
        assertEquals(stats.get("loss"), MetricStats.of(service.metricHistory(pk, "loss")));
    }

    private static List<String> ids(List<RunSummary> runs) {
        return runs.stream().map(RunSummary::runId).toList();
    }
}
