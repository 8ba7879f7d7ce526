package dev.braid.pipelines.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.dvc.DvcPipelineProject;
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
 * A repository's DVC pipeline (built and run by the real {@code dvc}) in the Pipelines view: its
 * runs in the runs table as source kind {@code dvc}, and a run's graph with each stage's state.
 */
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DvcPipelinesViewTest {
    private Path folder;
    private AppContext context;
    private String partial;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    @BeforeAll
    void buildAndSync() throws Exception {
        folder = Files.createTempDirectory("braid-dvc-pipelines");
        DvcPipelineProject project = DvcPipelineProject.build(folder);
        project.dvc.run("repro", "-q", "-s", "prepare");
        partial = project.git.commitAll("Re-run prepare only");
        context = GitFixture.open(folder.resolve("braid"));
        Source repo = context.repositories().add(project.work.toString(), "ml", TestContexts.quiet());
        Source dvc = context.pipelines().addDvc("ml", project.work.toString(), null);
        for (Source source : java.util.List.of(repo, dvc)) {
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
    void theDvcRunsAreInTheTableAndARunsGraphShowsItsStagesStates(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.navigateTo("Pipelines");
        PipelinesViewHandle view = new PipelinesViewHandle(robot);
        view.filterKind("dvc");
        view.waitUntil(() -> view.rows().size() == 3);
        assertTrue(view.rows().stream().allMatch(r -> r.sourceKind().equals("dvc") && r.source().equals("dvc:ml")));

        int index = 0;
        while (!view.rows().get(index).sha().equals(partial)) {
            index++;
        }
        PipelineRun run = view.rows().get(index);
        assertEquals(PipelineStatus.SKIPPED, run.status());
        view.openRow(index);
        view.waitUntil(() -> view.dag().dag() != null && view.dag().redrawCount() > 0
                && view.dag().dag().nodes().size() == 8);
        var dag = view.dag().dag();
        assertTrue(dag.nodes().stream().anyMatch(n -> n.job().name().equals("prepare") && n.job().status() == PipelineStatus.SUCCESS));
        assertTrue(dag.nodes().stream().anyMatch(n -> n.job().name().equals("train@small") && n.job().status() == PipelineStatus.SKIPPED
                && n.job().sourceStatus().equals("changed")));
        assertTrue(dag.edges().stream().anyMatch(e -> e.from().equals("prepare") && e.to().equals("train@small")), dag.edges().toString());
        assertTrue(dag.edges().stream().anyMatch(e -> e.from().equals("evaluate@small-dev") && e.to().equals("report")),
                dag.edges().toString());
        screenshot(robot, "pipelines-dvc-run-graph");
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

