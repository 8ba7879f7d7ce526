package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.sync.Source;
import dev.braid.testing.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo workspace's MLflow store: written from Java next to the demo repository, added and synced. */
class LocalDemoStoreTest {
    @Test
    void theDemoRunsAreCachedAndNameCommitsOfTheDemoRepository(@TempDir Path home) throws Exception {
        DataDirectories dirs = new DataDirectories(home.resolve("data"), home.resolve("config"));
        try (AppContext app = AppContext.open(dirs, Clock.systemUTC())) {
            MlflowSyncer syncer = new MlflowSyncer(app.database(), app.sources(), MlflowConnector.standard(), Clock.systemUTC());
            DemoService demo = new DemoService(app.repositories(), new DemoWorkspace(), app.experiments(), syncer);
            demo.open(home.resolve("demo"), TestContexts.quiet());
            assertTrue(Files.isDirectory(home.resolve("demo-mlruns")), "the store sits next to the repository");

            ExperimentService experiments = app.experiments();
            Source mlflow = experiments.sources().stream().filter(s -> s.name().equals(DemoService.MLFLOW_SOURCE_NAME))
                    .findFirst().orElseThrow();
            List<RunSummary> runs = experiments.runs(RunQuery.all());
            assertTrue(runs.size() >= 250, "runs: " + runs.size());
            assertEquals(Set.of("Default", "churn-baseline", "churn-xgboost-sweeps", "churn-feature-ablation"),
                    Set.copyOf(experiments.experiments(mlflow.id()).stream().map(Experiment::name).toList()));

            Set<String> commits = new HashSet<>();
            try (Git git = Git.open(home.resolve("demo").toFile())) {
                for (RevCommit c : git.log().all().call()) {
                    commits.add(c.getName());
                }
            }
            for (RunSummary run : runs) {
                assertTrue(commits.contains(run.sourceCommit()), run.runName() + " names " + run.sourceCommit());
            }
            assertTrue(runs.stream().map(RunSummary::sourceCommit).distinct().count() >= 20, "runs spread over the history");

            RunSummary child = runs.stream().filter(r -> r.parentRunId() != null && r.status().equals("FINISHED")).findFirst()
                    .orElseThrow();
            RunDetail parent = experiments.run(mlflow.id(), child.parentRunId()).orElseThrow();
            assertEquals(8, parent.childRunIds().size());
            assertTrue(experiments.metricHistory(child.runPk(), "val_auc").size() > 20);
            assertTrue(experiments.run(child.runPk()).orElseThrow().datasets().stream()
                    .anyMatch(d -> d.context().equals("training")));
            assertTrue(runs.stream().anyMatch(r -> r.status().equals("RUNNING")));
            assertTrue(runs.stream().anyMatch(r -> r.status().equals("FAILED")));

            RegisteredModel model = experiments.models().stream().filter(m -> m.name().equals("churn-classifier"))
                    .findFirst().orElseThrow();
            assertEquals(Map.of("champion", "3", "challenger", "4"), model.aliases());
            assertEquals(4, model.versions().size());
            for (ModelVersion v : model.versions()) {
                assertTrue(experiments.run(mlflow.id(), v.runId()).isPresent(), "version " + v.version() + " names a cached run");
                List<LoggedModel> made = experiments.loggedModels(mlflow.id(), v.runId());
                assertEquals(List.of(v.loggedModelId()), made.stream().map(LoggedModel::modelId).toList(),
                        "version " + v.version() + " was registered from the logged model its run made");
                assertEquals("READY", made.get(0).status());
            }

            demo.open(home.resolve("demo-2"), TestContexts.quiet());
            Source second = experiments.sources().stream().filter(s -> s.name().equals(DemoService.MLFLOW_SOURCE_NAME + "-2"))
                    .findFirst().orElseThrow();
            assertEquals(runIds(experiments, mlflow), runIds(experiments, second), "the same seed writes the same runs");
        }
    }

    private static Set<String> runIds(ExperimentService experiments, Source source) throws Exception {
        return Set.copyOf(experiments.runs(new RunQuery(source.name(), List.of(), null, null, 100_000)).stream()
                .map(RunSummary::runId).toList());
    }
}
