package dev.braid.pipelines.orchestrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.SourcePipeline;
import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.testing.AirflowHarness;
import dev.braid.testing.SharedServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Braid against a real Airflow 3 (started once per test run): a small DAG triggered and run to
 * completion (a task that fails and passes on its retry, a task mapped over three inputs), a paused
 * DAG, then synced through {@code /api/v2} with a token traded for the user's password.
 */
@ExtendWith(SharedServices.class)
class AirflowSyncTest {
    static final String SHA = "4f1c2b9e0d3a5f6e7d8c9b0a1f2e3d4c5b6a7980";
    static AirflowHarness airflow;
    static String runId;
    @TempDir
    Path tmp;
    private OrchestratorFixture fx;
    private Source source;

    @BeforeAll
    static void start(SharedServices.Registry services) throws Exception {
        airflow = services.get("airflow", AirflowHarness.class, AirflowHarness::start);
        runId = airflow.trainedRun(SHA);
    }

    @BeforeEach
    void add() throws Exception {
        fx = new OrchestratorFixture(tmp, Map.of("AF_PASSWORD", AirflowHarness.PASSWORD), Duration.ofSeconds(120));
        source = fx.service.addAirflow(airflow.url(), AirflowHarness.USER, "AF_PASSWORD", null, null);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void readsTheDagRunWithEveryTryOfEveryTaskAndWhatEachWaitsFor() throws Exception {
        SyncCounts counts = fx.sync(source);

        assertTrue(counts.added() >= 1, counts.toString());
        PipelineRunDetail detail = fx.service.run(source.name(), "braid_train/" + runId).orElseThrow();
        PipelineRun run = detail.run();
        assertEquals("airflow", run.sourceKind());
        assertEquals("braid_train", run.pipeline());
        assertEquals(PipelineStatus.SUCCESS, run.status());
        assertEquals("success", run.sourceStatus());
        assertEquals("manual", run.event());
        assertEquals(SHA, run.sha(), "the commit the trigger named in its conf");
        assertNotNull(run.startedAt());
        assertNotNull(run.durationMs());
        assertTrue(run.url().startsWith(airflow.url() + "/dags/braid_train/runs/"), run.url());

        Map<String, List<PipelineJob>> byName = detail.jobs().stream().collect(Collectors.groupingBy(PipelineJob::name));
        assertEquals(Set.of("extract", "train", "score[0]", "score[1]", "score[2]", "report"), byName.keySet());
        List<PipelineJob> train = byName.get("train");
        assertEquals(2, train.size(), "both tries of the retried task");
        assertEquals(PipelineStatus.FAILED, train.get(0).status());
        assertEquals(1, train.get(0).attempt());
        assertTrue(train.get(0).retried());
        assertEquals("train#1", train.get(0).id());
        assertEquals(PipelineStatus.SUCCESS, train.get(1).status());
        assertEquals(2, train.get(1).attempt());
        assertFalse(train.get(1).retried());
        assertEquals(List.of("extract"), train.get(1).needs());
        assertEquals(Set.of("train", "score[0]", "score[1]", "score[2]"), Set.copyOf(byName.get("report").get(0).needs()));
        assertEquals(List.of("extract"), byName.get("score[1]").get(0).needs());
        assertEquals(6, run.jobCount(), "the latest try of each of the six task instances");
        assertEquals(0, run.jobsFailed());
        for (PipelineJob job : detail.jobs()) {
            assertNotNull(job.startedAt(), job.toString());
            assertNotNull(job.durationMs(), job.toString());
        }

        List<SourcePipeline> dags = fx.service.sourcePipelines(source.name());
        SourcePipeline paused = dags.stream().filter(d -> d.pipeline().equals("braid_paused")).findFirst().orElseThrow();
        assertTrue(paused.paused());
        SourcePipeline trained = dags.stream().filter(d -> d.pipeline().equals("braid_train")).findFirst().orElseThrow();
        assertFalse(trained.paused());
        assertEquals(List.of("braid", "training"), trained.tags());
        assertNotNull(trained.tasks(), "the structure of a DAG whose runs were read");
        SourcePipeline.Task score = trained.tasks().stream().filter(t -> t.name().equals("score")).findFirst().orElseThrow();
        assertTrue(score.mapped());
        assertEquals(List.of("extract"), score.needs());
    }

    @Test
    void aSecondSyncWithNothingNewChangesNothing() throws Exception {
        fx.sync(source);
        List<String> before = fx.snapshot();

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(0, 0, 0), counts);
        assertEquals(before, fx.snapshot());
        assertTrue(fx.service.countRuns(PipelineQuery.all()) >= 1);
    }

    @Test
    void fetchesTheLogOfEachTryOnDemand() throws Exception {
        fx.sync(source);
        String id = "braid_train/" + runId;

        JobLog failed = fx.service.log(source.name(), id, "train#1", false);
        JobLog mapped = fx.service.log(source.name(), id, "score[1]#1", false);

        assertTrue(failed.text().contains("RuntimeError: first try fails on purpose"), failed.text());
        assertTrue(failed.text().contains("Traceback (most recent call last):"), failed.text());
        assertTrue(mapped.text().contains("map_index=1") || mapped.text().contains("score"), mapped.text());
        assertFalse(failed.text().contains("{\"timestamp\""), "structured lines are written out as text");
    }
}
