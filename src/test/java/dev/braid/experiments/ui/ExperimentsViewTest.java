package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
import dev.braid.testing.GeneratedRuns;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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

@ExtendWith(ApplicationExtension.class)
class ExperimentsViewTest {
    private Path folder;
    private AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;
    private ExperimentRows rows;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createTempDirectory("braid-experiments");
        context = GitFixture.open(folder.resolve("braid"));
        rows = ExperimentRows.churn(context);
        for (String run : List.of("r1", "r2", "r3")) {
            rows.history(run, "accuracy", 0.5, 0.6, 0.7);
        }
        rows.history("r1", "rmse", 0.9, 0.5, 0.4, 0.3);
        rows.history("r2", "rmse", 0.8, 0.4, 0.25);
        rows.dataset("r1", "customers", "0123456789abcdef", "training");
        rows.dataset("r2", "customers", "0123456789abcdef", "training");
        rows.dataset("r2", "holdout", "fedcba9876543210", "eval");
        WorkbenchServices services = GitFixture.services(context, context.experiments(), null);
        workbench = new Workbench(services, runner, scheduler, null);
        workbench.experiments().setRunEdits(context.runEdits());
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private ExperimentsViewHandle openExperiments(FxRobot robot) throws Exception {
        new ShellViewHandle(robot).navigateTo("Experiments");
        ExperimentsViewHandle view = new ExperimentsViewHandle(robot);
        view.waitUntil(() -> view.runNames().size() == 4);
        return view;
    }

    @Test
    void aFilterTypedAndAppliedShrinksTheRows(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);

        view.filter("metrics.rmse < 0.4 and params.model != 'linear'");

        view.waitUntil(() -> view.runNames().size() == 2);
        assertEquals(List.of("lgbm-run", "xgb-run"), view.runNames());
    }

    @Test
    void clickingAMetricHeaderSortsByIt(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);
        view.showColumn("metrics.rmse");

        view.clickHeader("metrics.rmse");
        view.waitUntil(() -> view.runNames().get(0).equals("lgbm-run"));
        assertEquals(List.of("lgbm-run", "xgb-run", "linear-run"), view.runNames().subList(0, 3));

        view.clickHeader("metrics.rmse");
        view.waitUntil(() -> view.runNames().get(0).equals("linear-run"));
        assertEquals(List.of("linear-run", "xgb-run", "lgbm-run"), view.runNames().subList(0, 3));
    }

    @Test
    void openingARunShowsItsParamsAndChartsAMetricFromTheCache(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);

        view.openRun("xgb-run");
        view.waitUntil(() -> view.runTitle().contains("xgb-run") && !view.params().isEmpty());
        assertEquals(List.of("lr=0.1", "model=xgb"), view.params());

        view.openDetailTab("Chart");
        view.waitUntil(() -> view.chartSeries().equals(List.of("xgb-run:3")));
        view.chartMetric("rmse");
        view.waitUntil(() -> view.chartSeries().equals(List.of("xgb-run:4")));
    }

    @Test
    void comparingTwoRunsShowsWhereTheyDiffer(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);

        view.compare("xgb-run", "lgbm-run");
        view.waitUntil(() -> !view.compareRows().isEmpty());
        assertEquals(List.of("lgbm-run", "xgb-run"), view.comparedRuns());
        assertTrue(view.compareRows().contains("params.lr: 0.1 | 0.1"), view.compareRows().toString());
        assertTrue(view.bestValueCells() >= 1);

        view.showDifferencesOnly();
        view.waitUntil(() -> view.compareRows().stream().noneMatch(r -> r.startsWith("params.lr")));
        assertTrue(view.compareRows().contains("params.model: lgbm | xgb"), view.compareRows().toString());
        assertTrue(view.compareRows().contains("metrics.rmse: 0.25 | 0.3"), view.compareRows().toString());
    }

    @Test
    void groupingByAParamSummarisesEachGroupAndOpensItsRuns(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);
        view.showColumn("metrics.rmse");

        view.groupBy("params.model");
        view.waitUntil(() -> view.groups().size() == 4);

        assertEquals(List.of("lgbm 1", "linear 1", "xgb 1", "(none) 1"), view.groups());
        assertEquals("0.3", view.groupCell("xgb", "rmse", "mean"));
        view.openGroup("linear");
        view.waitUntil(() -> view.selectedRuns().equals(List.of("linear-run")));
    }

    @Test
    void childRunsSitUnderTheirParentAndCollapse(FxRobot robot) throws Exception {
        rows.parent("r1", "r3");
        ExperimentsViewHandle view = openExperiments(robot);

        view.waitUntil(() -> view.nestedRunNames().equals(List.of("fraud-run", "linear-run", "  xgb-run", "lgbm-run")));

        view.toggleChildren("r3");
        view.waitUntil(() -> view.runNames().equals(List.of("fraud-run", "linear-run", "lgbm-run")));
        view.toggleChildren("r3");
        view.waitUntil(() -> view.runNames().size() == 4);
    }

    @Test
    void aTagSetInTheRunDetailShowsAtOnceAndWaitsInTheOutbox(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);
        view.openRun("lgbm-run");
        view.waitUntil(() -> view.tags().contains("team=ml-core"));

        view.openDetailTab("Tags");
        view.setTag("reviewed", "yes");

        view.waitUntil(() -> view.tags().contains("reviewed=yes"));
        assertEquals(1, context.runEdits().pending(null).size());
    }

    @Test
    void aStarredRunKeepsItsStarAndTheStarredFilterShowsOnlyStarredRuns(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);
        assertEquals("☆", view.runStar("lgbm-run"));

        view.starRun("lgbm-run");
        view.waitUntil(() -> view.runStar("lgbm-run").equals("★"));
        view.toggleStarredOnly();

        view.waitUntil(() -> view.runNames().equals(List.of("lgbm-run")));
        assertEquals("1 run", view.status());
        assertEquals("★", view.runStar("lgbm-run"));
        view.toggleStarredOnly();
        view.waitUntil(() -> view.runNames().size() == 4);
        assertEquals("☆", view.runStar("xgb-run"));
    }

    @Test
    void starringAnExperimentIsKeptInTheCache(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);

        view.starExperiment("fraud");

        view.waitUntil(() -> view.starredExperiments().equals(List.of("fraud")));
        assertEquals(1, context.experiments().starredExperiments().size());
        assertEquals(4, view.runNames().size(), "starring does not change which experiments are chosen");
    }

    @Test
    void groupingByDatasetPutsEachRunUnderEveryDatasetItUsed(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);
        view.waitUntil(() -> view.columnIds().contains("metrics.rmse"));

        view.groupBy("datasets");

        view.waitUntil(() -> view.groups().size() == 3);
        assertEquals(List.of("customers@01234567 2", "holdout@fedcba98 1", "(none) 2"), view.groups());
        assertEquals("0.275", view.groupCell("customers@01234567", "rmse", "mean"));
    }

    @Test
    void theTableOpensWithVaryingMetricsAndParamsUnderTheirHeadingsAndAChosenKeyJoinsItsGroup(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);
        List<String> shown = view.columnIds();
        assertEquals(List.of("star", "status", "run_name", "source", "metrics.accuracy", "metrics.rmse", "params.model",
                "created", "duration", "experiment", "commit", "models"), shown);
        assertEquals(List.of("★", "Status", "Run name", "Source", "Metrics", "Params", "Created", "Duration", "Experiment", "Commit",
                "Model versions"), view.headings());
        assertEquals("accuracy", view.drawnHeader("metrics.accuracy"), "the key's whole name, underscores and all");
        assertEquals(javafx.geometry.Pos.CENTER_RIGHT, view.cellAlignment("metrics.rmse"));

        view.showColumn("params.depth");

        view.waitUntil(() -> view.columnIds().size() == shown.size() + 1);
        assertEquals("params.depth", view.columnIds().get(7), "after the other chosen param, under Params");
    }

    @Test
    void aRunDetailShowsMinMaxAndStepsOfCachedHistories(FxRobot robot) throws Exception {
        ExperimentsViewHandle view = openExperiments(robot);

        view.openRun("xgb-run");
        view.openDetailTab("Metrics");

        view.waitUntil(() -> view.metricRows().contains("rmse 0.3 0.3 0.9 4"));
        assertTrue(view.metricRows().contains("accuracy 0.81 0.5 0.7 3"), view.metricRows().toString());
    }

    @Test
    void aBigTableShowsTheFullCountAndLoadsMoreAsItScrolls(FxRobot robot) throws Exception {
        GeneratedRuns.write(context.database(), rows.sourceId(), "3", "big", "g", 5_000, 0);
        new ShellViewHandle(robot).navigateTo("Experiments");
        ExperimentsViewHandle view = new ExperimentsViewHandle(robot);

        view.waitUntil(() -> view.status().equals("5,004 runs · 200 loaded — scroll for more"));
        assertEquals(200, view.rowCount());
        for (int loaded = 400; loaded <= 1_000; loaded += 200) {
            view.scrollToLastRow();
            int expected = loaded;
            view.waitUntil(() -> view.rowCount() == expected);
        }
        assertEquals("5,004 runs · 1,000 loaded — scroll for more", view.status());
        assertEquals("run-004000", view.runNames().get(999));
    }
}
