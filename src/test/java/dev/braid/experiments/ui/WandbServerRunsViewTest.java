package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.experiments.WandbSyncer;
import dev.braid.experiments.wandb.WandbGraphql;
import dev.braid.experiments.wandb.WandbReplay;
import dev.braid.sync.AfterSync;
import dev.braid.lineage.ui.LineageExplorerView;
import dev.braid.lineage.ui.LineageExplorerViewHandle;
import dev.braid.lineage.ui.LineageExplorerViewModel;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
import dev.braid.sync.Source;
import dev.braid.testing.TestContexts;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Runs synced from a W&B server (through the replay) beside MLflow's in the window: in the runs
 * table, in the run detail with their config and cached history, compared with an MLflow run on
 * a shared metric, and their artifacts in the lineage explorer.
 */
@ExtendWith(ApplicationExtension.class)
class WandbServerRunsViewTest {
    private Path folder;
    private AppContext context;
    private ReplayServer server;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        folder = Files.createTempDirectory("braid-wandb-view");
        context = GitFixture.open(folder.resolve("braid"));
        ExperimentRows.churn(context);
        WandbReplay api = new WandbReplay("acme", "churn", null);
        server = ReplayServer.start(api);
        api.base(server.url());
        WandbReplay.ReplayRun run = api.add(new WandbReplay.ReplayRun("wb7k2m9q"));
        run.displayName = "wandb-mlp";
        run.config.put("model", "mlp");
        run.config.put("lr", 0.05);
        run.metric("rmse", 20, s -> 0.2 + 1.0 / (s + 1) - 1.0 / 20);
        run.metric("accuracy", 20, s -> 0.9);
        api.artifact(new WandbReplay.ReplayArtifact("QXJ0aWZhY3Q6MQ==", "training-data", "dataset", "1243685a", 3,
                List.of("latest"), Map.of("train.csv", "s3://acme-data/churn/train.csv")));
        run.used.add("QXJ0aWZhY3Q6MQ==");
        Source source = context.experiments().addWandbServer(server.url(), "acme", "churn", null, "team-wb");
        AfterSync.then(new WandbSyncer(context.database(), context.sources(), context.clock(), context.secrets(),
                Map.of(), new WandbGraphql.Options(Duration.ofSeconds(5), 1, Duration.ofMillis(1), Duration.ofSeconds(1),
                        (d, stop) -> { })), "updating lineage", (s, c) -> context.lineage().rebuildWandb(s))
                .sync(source, TestContexts.quiet());
        WorkbenchServices services = GitFixture.services(context, context.experiments(), null);
        workbench = new Workbench(services, runner, scheduler, null);
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        context.close();
        server.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private ExperimentsViewHandle openExperiments(FxRobot robot) throws Exception {
        new ShellViewHandle(robot).navigateTo("Experiments");
        ExperimentsViewHandle view = new ExperimentsViewHandle(robot);
        view.waitUntil(() -> view.runNames().size() == 5);
        return view;
    }

    @Test
    void aServerRunIsInTheRunsTableAndItsDetailShowsConfigAndCachedHistory(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);
        assertTrue(view.runNames().contains("wandb-mlp"), view.runNames().toString());

        view.filter("params.model = 'mlp' and metrics.rmse < 0.25");
        view.waitUntil(() -> view.runNames().equals(List.of("wandb-mlp")));

        view.openRun("wandb-mlp");
        view.waitUntil(() -> view.runTitle().contains("wandb-mlp") && !view.params().isEmpty());
        assertEquals(List.of("lr=0.05", "model=mlp"), view.params());
        view.openDetailTab("Chart");
        view.chartMetric("rmse");
        view.waitUntil(() -> view.chartSeries().equals(List.of("wandb-mlp:20")));
    }

    @Test
    void anMlflowRunAndAServerRunCompareOnTheirSharedMetric(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);

        view.compare("xgb-run", "wandb-mlp");

        view.waitUntil(() -> !view.compareRows().isEmpty());
        assertEquals(List.of("wandb-mlp", "xgb-run"), view.comparedRuns().stream().sorted().toList());
        List<String> rows = view.compareRows();
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("metrics.rmse: ") && r.contains("0.2") && r.contains("0.3")),
                rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("params.model: ") && r.contains("mlp") && r.contains("xgb")),
                rows.toString());
    }

    @Test
    void theArtifactVersionItUsedIsInLineageWithTheStorageItReferences(FxRobot robot) throws Exception {
        LineageExplorerViewModel model = new LineageExplorerViewModel(context.lineage(), node -> Optional.empty(), runner);
        robot.interact(() -> {
            javafx.scene.Scene scene = new javafx.scene.Scene((javafx.scene.Parent) new LineageExplorerView(model,
                    (extension, owner) -> folder.resolve("shown." + extension)).node(), 1280, 800);
            stage.setScene(scene);
        });
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);

        view.search("training-data:v3");

        view.waitUntil(() -> view.shownNames().contains("wandb-mlp"));
        assertTrue(view.detailsTitle().endsWith("v3"), view.detailsTitle());
        assertTrue(view.shownNames().contains("churn/train.csv"), view.shownNames().toString());
        assertTrue(view.shownNames().contains("training-data"), view.shownNames().toString());
    }
}
