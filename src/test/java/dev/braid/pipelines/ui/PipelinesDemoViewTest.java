package dev.braid.pipelines.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.experiments.ui.ExperimentsViewHandle;
import dev.braid.pipelines.AnsiText;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Hyperlink;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The demo workspace as a person opens it: its CI history filtered to failures, the failed run's
 * graph, timeline and the failing training log; then a baseline MLflow run in Experiments, whose
 * "Logged by" link opens the train job that logged it in the Pipelines view.
 */
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelinesDemoViewTest {
    private Path folder;
    private AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    /** Writing and syncing the demo takes longer than a window's set-up may: done before it. */
    @BeforeAll
    void openTheDemo() throws Exception {
        folder = Files.createTempDirectory("braid-pipelines-demo");
        context = GitFixture.open(folder.resolve("braid"));
        new DemoService(context.repositories(), new DemoWorkspace(), context.experiments(), null, null, context.pipelines())
                .open(folder.resolve("demo"), TestContexts.quiet());
        for (Source source : context.sources().list()) {
            SyncRun run = context.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
            assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), source.name() + ": " + run.error());
        }
    }

    @Start
    void start(Stage stage) {
        workbench = new Workbench(GitFixture.services(context, context.experiments(), context.lineage()), runner, scheduler, null);
        workbench.setPipelines(context.pipelines());
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void closeWindow() {
        workbench.close();
    }

    @AfterAll
    void close() throws Exception {
        scheduler.shutdownNow();
        runner.close();
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void theFailedTrainingIsFoundAndABaselineRunOpensTheJobThatTrainedIt(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.navigateTo("Pipelines");
        PipelinesViewHandle view = new PipelinesViewHandle(robot);
        view.waitUntil(() -> view.rows().size() >= 80);

        view.filterStatus("failed");
        view.waitUntil(() -> !view.rows().isEmpty() && view.rows().stream().allMatch(r -> r.status() == PipelineStatus.FAILED));
        PipelineRun failed = view.rows().get(0);
        view.openRow(0);
        view.waitUntil(() -> view.runTitle().contains(failed.label()));
        view.waitUntil(() -> view.dag().dag() != null && view.dag().redrawCount() > 0);
        assertTrue(view.dag().dag().nodes().stream().anyMatch(n -> n.job().name().equals("train")
                && n.job().status() == PipelineStatus.FAILED), "the failed run's train job failed");

        screenshot(robot, "pipelines-demo-failed-run");
        view.showTab("Definition");
        view.waitUntil(() -> view.definitionDag().dag() != null && view.definitionDag().redrawCount() > 0);
        assertTrue(view.definitionNote().startsWith(".gitlab-ci.yml at " + failed.sha().substring(0, 10)), view.definitionNote());
        assertTrue(view.definitionDag().dag().nodes().stream().anyMatch(n -> n.job().name().equals("train")
                && n.job().status() == PipelineStatus.FAILED), "the definition at the run's commit shows the run's failed train job");
        assertTrue(view.definitionDag().dag().edges().stream().anyMatch(e -> e.from().equals("repro") && e.to().equals("train")),
                "as the definition declares it: train needs repro");
        screenshot(robot, "pipelines-demo-definition");
        view.showTab("Timeline");
        view.waitUntil(() -> view.timeline().rows().size() >= 6 && view.timeline().redrawCount() > 0);
        view.showTab("Graph");
        view.clickJobInGraph("train");
        view.waitUntil(() -> view.detailTab() == 2 && !view.logLines().isEmpty());
        assertTrue(view.logLines().stream().anyMatch(l -> AnsiText.plain(l).contains("ERROR: Job failed")));
        String failing = AnsiText.plain(view.logLines().get(view.selectedLogLine()));
        screenshot(robot, "pipelines-demo-failed-log");
        assertTrue(failing.startsWith("Traceback"), "the failing section is in view from its start: " + failing);

        shell.navigateTo("Experiments");
        ExperimentsViewHandle experiments = new ExperimentsViewHandle(robot);
        experiments.filter("attributes.run_name = 'logreg-50'");
        experiments.waitUntil(() -> experiments.runNames().equals(java.util.List.of("logreg-50")));
        experiments.openRun("logreg-50");
        experiments.waitUntil(() -> robot.lookup("#runCiJobLink").tryQuery().isPresent());
        Hyperlink logged = robot.lookup("#runCiJobLink").queryAs(Hyperlink.class);
        screenshot(robot, "experiments-demo-run-logged-by-ci");
        assertTrue(logged.getText().matches("Logged by job train of pipeline #\\d+ \\(success\\)"), logged.getText());
        String pipeline = logged.getText().replaceAll(".*(#\\d+).*", "$1");

        robot.clickOn(logged);
        view.waitUntil(() -> view.runTitle().contains(pipeline) && view.detailTab() == 2 && !view.logLines().isEmpty());
        assertTrue(view.logLines().stream().anyMatch(l -> AnsiText.plain(l).contains("logged with tags CI_PIPELINE_ID, CI_JOB_ID")),
                "the train job's log says what it logged");
        screenshot(robot, "pipelines-demo-train-job");
    }

    /** The window as a person sees it, into target/screenshots, to look at what the scenario walked. */
    private static void screenshot(FxRobot robot, String name) throws Exception {
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> shot = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> shot.set(robot.listTargetWindows().stream().filter(w -> w instanceof Stage && w.isShowing())
                .findFirst().orElseThrow().getScene().snapshot(null)));
        javafx.scene.image.PixelReader pixels = shot.get().getPixelReader();
        int width = (int) shot.get().getWidth();
        int height = (int) shot.get().getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        javax.imageio.ImageIO.write(out, "png", folder.resolve(name + ".png").toFile());
    }
}
