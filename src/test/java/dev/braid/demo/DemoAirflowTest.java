package dev.braid.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.SourcePipeline;
import dev.braid.sync.SyncContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's Airflow history: DAG runs beside its CI runs, a failed and retried task, a paused DAG. */
class DemoAirflowTest {
    private static final SyncContext QUIET = new SyncContext() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    @Test
    void theDemoHasAnAirflowHistoryWithARetriedTaskAndAPausedDag(@TempDir Path home) throws Exception {
        DataDirectories dirs = new DataDirectories(home.resolve("data"), home.resolve("config"));
        try (AppContext app = AppContext.open(dirs, Clock.systemUTC())) {
            PipelineService pipelines = app.pipelines();
            new DemoService(app.repositories(), new DemoWorkspace(Clock.systemUTC()), null, null, null, pipelines)
                    .open(home.resolve("demo"), QUIET);

            List<PipelineRun> all = pipelines.runs(PipelineQuery.all().page(0, 1_000));
            List<PipelineRun> dagRuns = all.stream().filter(r -> r.source().equals(DemoAirflow.SOURCE_NAME)).toList();
            assertTrue(all.stream().anyMatch(r -> r.sourceKind().equals("gitlab")), "beside the CI runs");
            assertTrue(dagRuns.size() >= 4, "DAG runs: " + dagRuns.size());
            assertTrue(dagRuns.stream().allMatch(r -> r.sourceKind().equals("airflow") && r.sha() != null));
            assertEquals(PipelineStatus.RUNNING, dagRuns.get(0).status(), "the newest DAG run is still training");

            PipelineRun retriedRun = null;
            for (PipelineRun run : dagRuns) {
                PipelineRunDetail detail = pipelines.run(run.source(), run.id()).orElseThrow();
                List<PipelineJob> ingest = detail.jobs().stream().filter(j -> j.name().equals("ingest_customers")).toList();
                if (ingest.size() == 2) {
                    assertEquals(PipelineStatus.FAILED, ingest.get(0).status());
                    assertTrue(ingest.get(0).retried());
                    assertEquals(2, ingest.get(1).attempt());
                    assertEquals(PipelineStatus.SUCCESS, ingest.get(1).status());
                    assertTrue(pipelines.log(run.source(), run.id(), ingest.get(0).id(), false).text().contains("timed out"));
                    retriedRun = run;
                }
            }
            assertNotNull(retriedRun, "one DAG run retried its ingest");
            assertTrue(pipelines.runsOfCommit(retriedRun.sha()).stream().anyMatch(r -> r.source().equals(DemoAirflow.SOURCE_NAME)));

            List<SourcePipeline> dags = pipelines.sourcePipelines(DemoAirflow.SOURCE_NAME);
            assertEquals(List.of("churn", "churn_backfill", "churn_holdout"), dags.stream().map(SourcePipeline::pipeline).toList());
            assertTrue(dags.get(1).paused());
            assertEquals(5, dags.get(0).tasks().size());
        }
    }
}
