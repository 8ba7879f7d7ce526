package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.experiments.MlflowConnector;
import dev.braid.experiments.MlflowSyncer;
import dev.braid.repos.DiffLine;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
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
import java.time.Clock;
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
 * Comparing the demo workspace's feature-ablation runs: the scatter plot, brushing the parallel
 * coordinates down to fewer runs in the table, and the code diff between two runs' commits. Set
 * {@code -Dbraid.snapshots=DIR} to keep pictures of each step.
 */
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareViewTest {
    private static final String ABLATION = "churn-feature-ablation";
    private final Path snapshots = System.getProperty("braid.snapshots") == null ? null
            : Path.of(System.getProperty("braid.snapshots"));
    private Path folder;
    private AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    /** The demo workspace takes a while to write and index, so every test of the class shares one. */
    @BeforeAll
    void writeTheDemoWorkspace() throws Exception {
        folder = Files.createTempDirectory("braid-compare");
        context = GitFixture.open(folder.resolve("braid"));
        MlflowSyncer syncer = new MlflowSyncer(context.database(), context.sources(), MlflowConnector.standard(),
                Clock.systemUTC());
        Source repository = new DemoService(context.repositories(), new DemoWorkspace(), context.experiments(), syncer)
                .open(folder.resolve("demo"), TestContexts.quiet());
        SyncRun indexed = context.syncEngine().start(repository, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
        assertEquals(SyncOutcome.SUCCEEDED, indexed.outcome(), indexed.error());
    }

    @Start
    void start(Stage stage) {
        WorkbenchServices services = GitFixture.services(context, context.experiments(), null);
        workbench = new Workbench(services, runner, scheduler, null);
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

    private CompareViewHandle compareAblationRuns(FxRobot robot) throws Exception {
        new ShellViewHandle(robot).navigateTo("Experiments");
        ExperimentsViewHandle experiments = new ExperimentsViewHandle(robot);
        CompareViewHandle compare = new CompareViewHandle(robot);
        experiments.waitUntil(() -> experiments.runNames().size() > 100);
        compare.chooseExperiment(ABLATION);
        experiments.waitUntil(() -> experiments.runNames().size() < 100 && experiments.runNames().size() > 50);
        int runs = experiments.runNames().size();
        compare.compareAll();
        compare.waitUntil(() -> compare.comparedRuns().size() == runs);
        return compare;
    }

    @Test
    void scatterPlotsTheChosenColumnsAndAClickSelectsARun(FxRobot robot) throws Exception {
        CompareViewHandle view = compareAblationRuns(robot);
        int runs = view.comparedRuns().size();
        assertEquals("Table", view.selectedTab());
        view.snapshot(snapshots, "compare-table");

        view.openTab("Scatter");
        view.pickScatter("scatterX", "params.features_dropped");
        view.pickScatter("scatterY", "metrics.val_auc");
        view.pickScatter("scatterColour", "metrics.f1");
        view.waitUntil(() -> view.scatterData().x().label().equals("params.features_dropped")
                && view.scatterData().legend().gradient());
        assertEquals(runs, view.scatterData().points().size());
        assertEquals(5, view.scatterData().x().categories().size());

        ScatterPoint point = view.scatterData().points().get(7);
        view.hover(point);
        view.waitUntil(() -> point.name().equals(view.hoveredRun()));
        view.snapshot(snapshots, "compare-scatter");
        view.click(point);
        view.pickScatter("scatterColour", ScatterPlotView.NO_COLOUR);
        view.waitUntil(() -> view.scatterData().legend().none());

        view.openTab("Table");
        view.waitUntil(() -> point.name().equals(view.selectedRunColumn()));
    }

    @Test
    void brushingAnAxisLeavesFewerRunsInTheTableAndADoubleClickBringsThemBack(FxRobot robot) throws Exception {
        CompareViewHandle view = compareAblationRuns(robot);
        int runs = view.comparedRuns().size();

        view.openTab("Parallel coordinates");
        int auc = view.axis("metrics.val_auc");
        assertTrue(auc >= 0, "val_auc is an axis");
        view.brush(auc, 0.55, 1.0);
        view.waitUntil(() -> view.keptRuns() < runs && !view.filterNote().isEmpty());
        int kept = view.keptRuns();
        assertTrue(kept > 0, "some runs have a high val_auc");
        view.snapshot(snapshots, "compare-parallel");

        view.openTab("Table");
        view.waitUntil(() -> view.comparedRuns().size() == kept);
        assertEquals("Showing " + kept + " of " + runs + " runs (brushed in Parallel coordinates)", view.filterNote());

        view.openTab("Parallel coordinates");
        view.doubleClickAxis(auc, 0.8);
        view.waitUntil(() -> view.keptRuns() == runs);
        view.openTab("Table");
        view.waitUntil(() -> view.comparedRuns().size() == runs);
        assertEquals("", view.filterNote());
    }

    @Test
    void theCodeDiffBetweenTwoRunsIsOneClickAway(FxRobot robot) throws Exception {
        CompareViewHandle view = compareAblationRuns(robot);

        view.openTab("Code diff");

        view.waitUntil(() -> !view.diffFiles().isEmpty() && !view.diffLines().isEmpty());
        assertTrue(view.diffNote().matches("\\d+ files? changed from \\w{8} \\(.+\\) to \\w{8} \\(.+\\)"), view.diffNote());
        assertTrue(view.diffLines().stream().anyMatch(l -> l.kind() == DiffLine.Kind.ADDED
                || l.kind() == DiffLine.Kind.REMOVED), "the first file's diff has changed lines");
        view.waitUntil(() -> view.colouredDiffCells() > 0);
        view.snapshot(snapshots, "compare-code-diff");
        assertTrue(view.fromRun() != null);
    }
}
