package dev.braid.pipelines.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code dvc} pipeline source on a project built and run by the real {@code dvc}: each commit
 * that changed {@code dvc.lock} is a run, its stages the jobs, with states checked against
 * {@code dvc status --json} and needs as {@code dvc dag} draws them.
 */
class DvcPipelineRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void commitsThatChangedDvcLockAreRunsWithStagesAsJobs() throws Exception {
        DvcPipelineProject project = DvcPipelineProject.build(dir);
        // Only the first stage re-run after new data: the stages downstream of it are changed.
        project.dvc.run("repro", "-q", "-s", "prepare");
        String partial = project.git.commitAll("Re-run prepare only");
        JsonNode dvcStatus = JSON.readTree(project.dvc.run("status", "--json"));

        try (AppContext context = AppContext.open(DataDirectories.resolve(dir.resolve("data"), Map.of()), Clock.systemUTC())) {
            Source repo = context.repositories().add(project.work.toString(), "ml", TestContexts.quiet());
            Source source = context.pipelines().addDvc("ml", project.work.toString(), null);
            assertEquals("dvc:ml", source.name());
            assertEquals(PipelineService.DVC_KIND, source.kind());
            assertEquals(SyncOutcome.SUCCEEDED, sync(context, source).outcome());

            List<PipelineRun> runs = context.pipelines().runs(ofSource("dvc:ml"));
            // edited and newData changed dvc.yaml, params and a .dvc file, not dvc.lock: no runs.
            Map<String, PipelineRun> bySha = new java.util.HashMap<>();
            runs.forEach(r -> bySha.put(r.sha(), r));
            assertEquals(java.util.Set.of(partial, project.commits.get("run2"), project.commits.get("run1")), bySha.keySet());
            assertEquals(PipelineStatus.SKIPPED, bySha.get(partial).status());
            assertEquals(PipelineStatus.SUCCESS, bySha.get(project.commits.get("run1")).status());
            assertEquals(PipelineStatus.SUCCESS, bySha.get(project.commits.get("run2")).status());
            assertEquals("2 changed", bySha.get(partial).sourceStatus());
            assertEquals("dvc", bySha.get(partial).sourceKind());
            assertEquals("Re-run prepare only", bySha.get(partial).title());

            PipelineRunDetail detail = context.pipelines().run("dvc:ml", partial).orElseThrow();
            DvcPipelineService.PipelineStatus braid = context.dvcPipelines().status(repo.id(), partial);
            assertEquals(braid.stages().stream().map(DvcStageStatus::stage).toList(),
                    detail.jobs().stream().map(PipelineJob::name).toList());
            for (PipelineJob job : detail.jobs()) {
                boolean changedForDvc = dvcStatus.has(job.name());
                assertEquals(changedForDvc ? PipelineStatus.SKIPPED : PipelineStatus.SUCCESS, job.status(),
                        job.name() + ": dvc status says " + dvcStatus);
                assertEquals(changedForDvc ? "changed" : "up to date", job.sourceStatus(), job.name());
            }
            assertTrue(dvcStatus.has("train@small") && dvcStatus.has("train@big"), dvcStatus.toString());
            Map<String, List<String>> needs = new java.util.LinkedHashMap<>();
            detail.jobs().forEach(j -> needs.put(j.name(), j.needs()));
            assertEquals(List.of(), needs.get("prepare"));
            assertEquals(List.of("prepare"), needs.get("train@small"));
            assertEquals(List.of("train@big"), needs.get("evaluate@big-test"));
            assertEquals(List.of("evaluate@small-dev"), needs.get("report"));
            assertTrue(context.pipelines().log("dvc:ml", partial, "train@small", false).text()
                    .startsWith("train@small: changed\nchanged deps (modified: data/prepared.csv)"),
                    context.pipelines().log("dvc:ml", partial, "train@small", false).text());

            // A second sync reads nothing again and finds the same runs.
            assertEquals(SyncOutcome.SUCCEEDED, sync(context, source).outcome());
            assertEquals(3, context.pipelines().countRuns(ofSource("dvc:ml")));
            assertFalse(context.pipelines().runsOfCommit(partial).isEmpty());
        }
    }

    @Test
    void dvcExperimentsKeptAsRefsAreRunsOfTheirOwn() throws Exception {
        DvcPipelineProject project = DvcPipelineProject.build(dir);
        String head = project.git.run("rev-parse", "HEAD").strip();
        project.dvc.run("exp", "run", "-q", "-S", "train.lr=0.5", "-n", "lr-half");
        project.git.run("reset", "-q", "--hard");
        String refs = project.git.run("for-each-ref", "--format=%(objectname) %(refname)", "refs/exps/");
        String experimentCommit = refs.lines().filter(l -> l.endsWith("/lr-half")).map(l -> l.substring(0, 40)).findFirst()
                .orElseThrow(() -> new AssertionError("dvc exp run kept no experiment ref: " + refs));

        try (AppContext context = AppContext.open(DataDirectories.resolve(dir.resolve("data"), Map.of()), Clock.systemUTC())) {
            Source repo = context.repositories().add(project.work.toString(), "ml", TestContexts.quiet());
            assertEquals(SyncOutcome.SUCCEEDED, sync(context, repo).outcome());
            List<PipelineRun> runs = context.pipelines().runs(ofSource("dvc:ml"));
            PipelineRun experiment = runs.stream().filter(r -> r.sha().equals(experimentCommit)).findFirst()
                    .orElseThrow(() -> new AssertionError("the experiment is not a run: " + runs));
            assertEquals("experiment", experiment.event());
            assertEquals("exps/lr-half", experiment.ref());
            assertTrue(experiment.title().startsWith("Experiment lr-half from " + head.substring(0, 8)), experiment.title());
            assertEquals(1, runs.stream().filter(r -> "experiment".equals(r.event())).count());
            PipelineRunDetail detail = context.pipelines().run("dvc:ml", experimentCommit).orElseThrow();
            assertFalse(detail.jobs().isEmpty(), "the experiment's stages are its jobs");
            assertEquals("experiment", detail.run().event(), "reading the details keeps it an experiment");
        }
    }

    @Test
    void aRepositorySyncBringsItsDvcPipelineRunsWithoutASourceOfTheirOwn() throws Exception {
        DvcPipelineProject project = DvcPipelineProject.build(dir);
        try (AppContext context = AppContext.open(DataDirectories.resolve(dir.resolve("data"), Map.of()), Clock.systemUTC())) {
            Source repo = context.repositories().add(project.work.toString(), "ml", TestContexts.quiet());
            assertTrue(context.pipelines().source("dvc:ml").isEmpty());
            assertEquals(SyncOutcome.SUCCEEDED, sync(context, repo).outcome());

            Source dvc = context.pipelines().source("dvc:ml").orElseThrow();
            assertEquals(PipelineService.DVC_KIND, dvc.kind());
            assertEquals("ml", dvc.config("repository"));
            List<PipelineRun> runs = context.pipelines().runs(ofSource("dvc:ml"));
            assertEquals(java.util.Set.of(project.commits.get("run2"), project.commits.get("run1")),
                    runs.stream().map(PipelineRun::sha).collect(java.util.stream.Collectors.toSet()));
            assertTrue(runs.stream().allMatch(r -> r.sourceKind().equals("dvc")));
            assertEquals(SyncOutcome.SUCCEEDED, context.syncRuns().latest(dvc.id()).orElseThrow().outcome(),
                    "the DVC source's sync is recorded, so its state says when its runs were read");

            // A new commit that re-ran a stage is a run after the next repository sync, no other command.
            project.dvc.run("repro", "-q", "-s", "prepare");
            String partial = project.git.commitAll("Re-run prepare only");
            assertEquals(SyncOutcome.SUCCEEDED, sync(context, repo).outcome());
            assertEquals(1, context.pipelines().sources().stream().filter(s -> s.kind().equals("dvc")).count());
            assertEquals("2 changed", context.pipelines().run("dvc:ml", partial).orElseThrow().run().sourceStatus());

            // The DVC pipeline follows its repository's name, and goes with it.
            Source renamed = context.sourceManager().rename(repo, "churn");
            assertTrue(context.pipelines().source("dvc:ml").isEmpty());
            Source moved = context.pipelines().source("dvc:churn").orElseThrow();
            assertEquals("churn", moved.config("repository"));
            assertEquals(3, context.pipelines().countRuns(ofSource("dvc:churn")));
            assertEquals(SyncOutcome.SUCCEEDED, sync(context, renamed).outcome());
            assertEquals(SyncOutcome.SUCCEEDED, sync(context, moved).outcome());
            assertEquals(3, context.pipelines().countRuns(ofSource("dvc:churn")));
            context.sourceManager().remove(renamed);
            assertTrue(context.pipelines().sources().isEmpty(), context.pipelines().sources().toString());
            assertTrue(context.pipelines().runsOfCommit(partial).isEmpty());
        }
    }

    @Test
    void aRepositoryWithoutDvcYamlGetsNoDvcSource() throws Exception {
        Path work = dir.resolve("plain");
        java.nio.file.Files.createDirectories(work);
        dev.braid.testing.GitCli git = new dev.braid.testing.GitCli(work);
        git.run("init", "-q");
        java.nio.file.Files.writeString(work.resolve("README.md"), "no pipeline\n");
        git.commitAll("Start");
        try (AppContext context = AppContext.open(DataDirectories.resolve(dir.resolve("data"), Map.of()), Clock.systemUTC())) {
            Source repo = context.repositories().add(work.toString(), "plain", TestContexts.quiet());
            assertEquals(SyncOutcome.SUCCEEDED, sync(context, repo).outcome());
            assertTrue(context.pipelines().sources().isEmpty(), context.pipelines().sources().toString());
        }
    }

    @Test
    void anUnknownRepositoryFailsTheSyncWithItsName() throws Exception {
        try (AppContext context = AppContext.open(DataDirectories.resolve(dir.resolve("data"), Map.of()), Clock.systemUTC())) {
            Source source = context.pipelines().addDvc("gone", null, null);
            SyncRun run = sync(context, source);
            assertEquals(SyncOutcome.FAILED, run.outcome());
            assertTrue(String.valueOf(run.error()).contains("gone"), run.error());
            assertTrue(org.junit.jupiter.api.Assertions.assertThrows(PipelineException.class,
                    () -> context.pipelines().addDvc("gone", null, null)).getMessage().contains("exists already"));
        }
    }

    private static PipelineQuery ofSource(String name) {
        return new PipelineQuery(List.of(name), List.of(), null, List.of(), null, null, null, PipelineQuery.Sort.CREATED,
                false, 0, 0);
    }

    private static SyncRun sync(AppContext context, Source source) throws Exception {
        return context.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
    }
}
