package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.wandb.WandbReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.shell.sources.AddSourceDialogHandle;
import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import dev.braid.testing.FxWait;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Add-source dialog's W&B server form, filled as a person would and added against the W&B
 * replay: the same source {@code braid wandb add URL --entity --project --key-env} makes, synced,
 * its run in the runs table, and only the key's variable name kept.
 */
@ExtendWith(ApplicationExtension.class)
class WandbServerSourceFormViewTest {
    private static final String KEY = "local-3f9a1c2e7b6d4058a1c2e7b6d4058a1c2e7b6d40";
    @TempDir
    Path folder;
    private ReplayServer server;
    private AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        WandbReplay api = new WandbReplay("acme", "churn", KEY);
        server = ReplayServer.start(api);
        api.base(server.url());
        WandbReplay.ReplayRun run = api.add(new WandbReplay.ReplayRun("wb7k2m9q"));
        run.displayName = "wandb-mlp";
        run.config.put("model", "mlp");
        run.metric("rmse", 20, s -> 0.2 + 1.0 / (s + 1) - 1.0 / 20);
        Path home = folder.resolve("braid");
        context = AppContext.open(new DataDirectories(home.resolve("data"), home.resolve("config")), Clock.systemUTC(),
                null, new Secrets(), Map.of("TEAM_WANDB_KEY", KEY));
        workbench = new Workbench(GitFixture.services(context, context.experiments(), null), runner, scheduler, null);
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        context.close();
        server.close();
    }

    @Test
    void theServerFormAddsAndSyncsAProjectKeepingOnlyTheKeysVariableName(FxRobot robot) throws Exception {
        robot.interact(() -> workbench.showAddSource("wandb"));
        FxWait.untilShowing(robot, "#sourceKinds");
        AddSourceDialogHandle dialog = new AddSourceDialogHandle(robot);

        dialog.chooseKind("wandb-server").enter(ExperimentService.WANDB_URL, server.url())
                .enter(ExperimentService.WANDB_ENTITY, "acme").enter(ExperimentService.WANDB_PROJECT, "churn")
                .enter(ExperimentService.WANDB_KEY_ENV, "TEAM_WANDB_KEY").clickAdd();

        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialog.isOpen());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the dialog is still open: " + dialog.error(), e);
        }
        List<Source> added = context.sources().listByKind(ExperimentService.WANDB_KIND);
        assertEquals(1, added.size());
        assertEquals("acme/churn", added.get(0).name());
        assertEquals(Map.of(ExperimentService.WANDB_URL, server.url(), ExperimentService.WANDB_ENTITY, "acme",
                ExperimentService.WANDB_PROJECT, "churn", ExperimentService.WANDB_KEY_ENV, "TEAM_WANDB_KEY"),
                added.get(0).config());
        assertFalse(added.get(0).config().toString().contains(KEY), "the key itself is never kept");

        new ShellViewHandle(robot).navigateTo("Experiments");
        ExperimentsViewHandle view = new ExperimentsViewHandle(robot);
        view.waitUntil(() -> view.runNames().contains("wandb-mlp"));
    }
}
