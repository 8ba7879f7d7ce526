package dev.braid.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.pipelines.CiJobRef;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's models were trained in CI: every baseline and sweep run carries GitLab CI's tags of
 * its commit's {@code train} job, started inside that job's time window, and the cache links it to
 * that job whichever of the two sources synced first; runs started by hand link to none, neither a CI
 * job nor an Airflow task (the demo's still-running DAG run started after them).
 */
class DemoTrainingLinksTest {
    @Test
    void runsTrainedInCiLinkToTheirTrainJobAndRunsStartedByHandToNone(@TempDir Path home) throws Exception {
        DataDirectories dirs = new DataDirectories(home.resolve("data"), home.resolve("config"));
        try (AppContext app = AppContext.open(dirs, Clock.systemUTC())) {
            new DemoService(app.repositories(), new DemoWorkspace(), app.experiments(), null, null, app.pipelines())
                    .open(home.resolve("demo"), TestContexts.quiet());
            // MLflow last: the links must appear though the jobs were cached before their runs.
            List<Source> sources = app.sources().list().stream()
                    .sorted((a, b) -> Boolean.compare(a.kind().equals("mlflow"), b.kind().equals("mlflow"))).toList();
            for (Source source : sources) {
                SyncRun run = app.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
                assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), source.name() + ": " + run.error());
            }

            List<RunSummary> runs = app.experiments().runs(RunQuery.all());
            List<RunSummary> fromCi = runs.stream().filter(r -> r.tags().containsKey("CI_JOB_ID")).toList();
            List<RunSummary> byHand = runs.stream().filter(r -> r.experimentName().equals("churn-feature-ablation")).toList();
            List<RunSummary> trained = runs.stream().filter(r -> !r.experimentName().equals("churn-feature-ablation")).toList();
            assertTrue(trained.size() > 150, "baselines and sweeps: " + trained.size());
            assertEquals(trained, fromCi, "every baseline and sweep run was logged by a train job");
            assertFalse(byHand.isEmpty());

            for (RunSummary run : fromCi) {
                List<CiJobRef> jobs = app.pipelines().jobsThatLogged(run.sourceId(), run.runId());
                assertEquals(1, jobs.size(), run.runName() + ": " + jobs);
                CiJobRef job = jobs.get(0);
                assertEquals(run.tags().get("CI_JOB_ID"), job.jobId(), run.runName());
                assertEquals(run.tags().get("CI_PIPELINE_ID"), job.runId(), run.runName());
                assertEquals("train", job.jobName());
                assertEquals("job train of pipeline #" + run.tags().get("CI_PIPELINE_IID"), job.describe());
                assertFalse(job.inferred(), "linked by its tags: " + run.runName());

                PipelineRunDetail pipeline = app.pipelines().run(job.source(), job.runId()).orElseThrow();
                assertEquals(run.sourceCommit(), pipeline.run().sha(), "the job built the run's commit");
                PipelineJob train = pipeline.jobs().stream().filter(j -> j.id().equals(job.jobId())).findFirst().orElseThrow();
                assertTrue(run.startTime() >= train.startedAt().toEpochMilli()
                        && (train.finishedAt() == null || run.startTime() <= train.finishedAt().toEpochMilli()),
                        run.runName() + " started inside its train job");
            }
            for (RunSummary run : byHand) {
                assertEquals(List.of(), app.pipelines().jobsThatLogged(run.sourceId(), run.runId()),
                        run.runName() + " was started by hand, outside its commit's pipelines and DAG runs");
            }
        }
    }
}
