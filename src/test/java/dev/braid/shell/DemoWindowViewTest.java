package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.RunSummary;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.ui.GraphCanvas;
import dev.braid.lineage.ui.LineageExplorerViewModel;
import dev.braid.testing.DemoData;
import dev.braid.testing.DemoWindow;
import dev.braid.testing.VisibleText;
import dev.braid.ui.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A data scientist's day in the whole window on the demo workspace, at 1440×900: health per
 * source, the runs table's metrics, keys with underscores in menus, one search for everything,
 * syncs that leave the screen as it was, the lineage explorer's moves, and no text cut off.
 */
@ExtendWith(ApplicationExtension.class)
class DemoWindowViewTest {
    private static DemoData demo;
    private DemoWindow window;

    @BeforeAll
    static void openDemo() throws Exception {
        demo = DemoData.open();
    }

    @AfterAll
    static void closeDemo() throws Exception {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        window = DemoWindow.show(demo, stage, Theme.LIGHT);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(window::close);
    }

    private void show(FxRobot robot, Page page) {
        robot.interact(() -> window.workbench().shell().show(page));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
    }

    @SuppressWarnings("unchecked")
    private static TableView<RunSummary> runs(FxRobot robot) {
        return robot.lookup("#runsTable").queryAs(TableView.class);
    }

    @Test
    void eachSourceHasAHealthDotAndTheStatusBarNeverSaysTheWholeWindowIsOffline(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        waitFor(() -> shell.sourceStates().contains("demo-mlflow: up to date"));
        assertEquals("source-dot-ok", shell.sourceDot("demo-ml-project")[0]);
        assertTrue(shell.sourceDot("demo-mlflow")[1].contains("demo-mlflow (mlflow): up to date"), shell.sourceDot("demo-mlflow")[1]);
        assertTrue(shell.sourceDot("demo-mlflow")[1].contains("Last success: "));
        assertTrue(robot.lookup("#offlineIndicator").tryQuery().isEmpty());
    }

    @Test
    void theRunsTableShowsTheVaryingMetricsAndParamsWithTheirWholeNames(FxRobot robot) throws Exception {
        show(robot, Page.EXPERIMENTS);
        waitFor(() -> runs(robot).getItems().size() >= 200);
        List<String> headings = fx(() -> runs(robot).getColumns().stream().map(c -> c.getText()).toList());
        assertEquals(List.of("★", "Status", "Run name", "Source", "Metrics", "Params"), headings.subList(0, 6),
                "the source stands after the run name, where it shows at 1280 px");
        List<String> keys = fx(() -> runs(robot).getVisibleLeafColumns().stream().map(c -> c.getId()).toList());
        assertTrue(keys.contains("col-metrics.val_auc") && keys.contains("col-metrics.train_logloss"), keys.toString());
        for (String id : List.of("metrics.val_auc", "metrics.train_logloss")) {
            String drawn = fx(() -> robot.lookup("#runsTable .column-header").match(n -> n instanceof javafx.scene.control.skin.TableColumnHeader h
                    && h.getTableColumn() != null && ("col-" + id).equals(h.getTableColumn().getId())).queryAll().stream()
                    .flatMap(h -> robot.from(h).lookup(".label").queryAll().stream())
                    .map(l -> VisibleText.drawn((Labeled) l)).findFirst().orElse(""));
            assertEquals(id.substring(id.indexOf('.') + 1), drawn, "the header shows the key whole, underscore included");
        }
    }

    @Test
    void aMenuItemNamingAKeyShowsItsUnderscores(FxRobot robot) throws Exception {
        show(robot, Page.EXPERIMENTS);
        waitFor(() -> runs(robot).getItems().size() >= 200);
        robot.clickOn("#runFilter").write("params.model = 'xgboost' and attributes.status = 'FINISHED'").type(KeyCode.ENTER);
        waitFor(() -> !runs(robot).getItems().isEmpty()
                && runs(robot).getItems().stream().allMatch(r -> "xgboost".equals(r.params().get("model"))));
        robot.interact(() -> runs(robot).getSelectionModel().selectRange(0, 3));
        robot.clickOn("#compareButton");
        robot.clickOn(robot.lookup(".tab .tab-label").match(n -> "Parallel coordinates".equals(((Labeled) n).getText())).<Node>query());
        robot.clickOn("#parallelAxes");
        waitFor(() -> robot.lookup(".check-box").match(n -> "params.learning_rate".equals(((Labeled) n).getText())).tryQuery().isPresent());
        CheckBox box = robot.lookup(".check-box").match(n -> "params.learning_rate".equals(((Labeled) n).getText())).query();
        assertEquals("params.learning_rate", VisibleText.drawn(box), "mnemonic parsing would have swallowed the underscore");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    @Test
    void ctrlKSearchesEverythingGroupedByKindAndTheKeyboardOpensAResult(FxRobot robot) throws Exception {
        show(robot, Page.REPOSITORIES);
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#globalSearch").query().isFocused());
        robot.write("churn-classifier");
        ListView<?> results = robot.lookup("#searchResults").queryAs(ListView.class);
        waitFor(() -> results.getItems().stream().anyMatch(r -> "Models".equals(((SearchRow) r).heading())));
        List<String> headings = fx(() -> results.getItems().stream().map(r -> (SearchRow) r).filter(SearchRow::isHeading)
                .map(SearchRow::heading).toList());
        assertTrue(headings.contains("Models"), headings.toString());

        robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
        SearchRow first = fx(() -> (SearchRow) results.getSelectionModel().getSelectedItem());
        assertNotNull(first);
        assertTrue(!first.isHeading(), "the arrow lands on a result, never on a heading");
        robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
        assertTrue(!fx(() -> ((SearchRow) results.getSelectionModel().getSelectedItem()).isHeading()));
        robot.press(KeyCode.UP).release(KeyCode.UP);
        assertEquals(first, fx(() -> results.getSelectionModel().getSelectedItem()));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitFor(() -> window.workbench().shell().pageProperty().get() == Page.EXPERIMENTS);

        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.write("zzz-nothing-here");
        waitFor(() -> "No results for “zzz-nothing-here”".equals(((Labeled) robot.lookup("#searchStatus").query()).getText()));
        assertTrue(robot.lookup("#searchStatus").query().isVisible());
    }

    @Test
    void aBackgroundSyncLeavesTheFilterSelectionAndScrollAsTheyWere(FxRobot robot) throws Exception {
        show(robot, Page.EXPERIMENTS);
        waitFor(() -> runs(robot).getItems().size() >= 200);
        robot.clickOn("#runFilter").write("attributes.status = 'FINISHED'").type(KeyCode.ENTER);
        waitFor(() -> runs(robot).getItems().stream().allMatch(r -> r.status().equals("FINISHED")));
        robot.interact(() -> {
            runs(robot).scrollTo(60);
            runs(robot).getSelectionModel().clearAndSelect(64);
        });
        WaitForAsyncUtils.waitForFxEvents();
        String chosen = fx(() -> runs(robot).getSelectionModel().getSelectedItem().runId());
        int top = fx(() -> firstVisible(runs(robot)));
        int finished = window.workbench().sync().finishedRunsProperty().get();

        robot.interact(() -> window.workbench().sync().syncNow());
        waitFor(() -> window.workbench().sync().finishedRunsProperty().get() >= finished + 2
                && !window.workbench().sync().syncingProperty().get());
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("attributes.status = 'FINISHED'", fx(() -> robot.lookup("#runFilter").queryAs(TextField.class).getText()));
        assertEquals(chosen, fx(() -> runs(robot).getSelectionModel().getSelectedItem().runId()), "the same run is selected");
        assertEquals(top, (int) fx(() -> firstVisible(runs(robot))), 1.0, "the table did not scroll");
        assertTrue(fx(() -> runs(robot).getItems().stream().allMatch(r -> r.status().equals("FINISHED"))), "still filtered");
    }

    @Test
    void expandingKeepsTheNodeInPlaceFitStaysReadableAndAsOfSaysWhatItHides(FxRobot robot) throws Exception {
        show(robot, Page.LINEAGE);
        LineageExplorerViewModel lineage = window.workbench().lineage();
        GraphCanvas canvas = robot.lookup("#lineageGraph").queryAs(GraphCanvas.class);
        waitFor(() -> lineage.selectedProperty().get() != null && !lineage.shownProperty().get().nodes().isEmpty()
                && !lineage.busyProperty().get());
        NodeId chosen = fx(() -> lineage.shownProperty().get().nodes().stream().map(p -> p.node().id())
                .filter(id -> !lineage.isExpanded(id) && (id.kind().id().equals("dataset-version") || id.kind().id().equals("commit")))
                .findFirst().orElseThrow());
        robot.interact(() -> lineage.select(chosen));
        double[] before = fx(() -> canvas.screenCentre(chosen).orElseThrow());
        int shownBefore = fx(() -> lineage.shownProperty().get().nodes().size());

        robot.interact(() -> lineage.toggleExpanded(chosen));
        waitFor(() -> lineage.shownProperty().get().nodes().size() > shownBefore && !lineage.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        double[] after = fx(() -> canvas.screenCentre(chosen).orElseThrow());
        double moved = Math.hypot(after[0] - before[0], after[1] - before[1]);
        boolean newInView = fx(() -> lineage.shownProperty().get().nodes().stream().map(LaidOutGraph.Placed::node)
                .map(n -> canvas.screenCentre(n.id()).orElseThrow())
                .anyMatch(p -> p[0] >= 0 && p[1] >= 0 && p[0] <= canvas.getWidth() && p[1] <= canvas.getHeight()));
        assertTrue(moved < 2 || fx(() -> canvas.getWidth()) > 0 && newInView, "moved " + moved);
        assertTrue(newInView);

        robot.interact(canvas::fit);
        assertTrue(fx(canvas::scale) >= 0.649, "fit never shrinks the labels past reading: " + fx(canvas::scale));

        java.time.Instant[] range = fx(() -> lineage.timeRangeProperty().get());
        robot.interact(() -> lineage.setAsOf(range[0]));
        waitFor(() -> !lineage.hiddenProperty().get().isEmpty() && !lineage.busyProperty().get());
        assertTrue(lineage.hiddenProperty().get().matches("\\d+ nodes? and \\d+ edges? hidden \\(added later\\)"),
                lineage.hiddenProperty().get());
        assertTrue(fx(() -> lineage.selectedProperty().get() == null || lineage.shownProperty().get().nodes().stream()
                .anyMatch(p -> p.node().id().equals(lineage.selectedProperty().get().id()))),
                "the details panel follows the graph that is shown");
        robot.interact(() -> lineage.setAsOf(null));
    }

    @Test
    void noTextIsCutOffOnAnyPageAt1440By900(FxRobot robot) throws Exception {
        Map<String, List<String>> clipped = new java.util.LinkedHashMap<>();
        for (Page page : List.of(Page.REPOSITORIES, Page.EXPERIMENTS, Page.LINEAGE, Page.SOURCES, Page.SYNC_LOG, Page.SETTINGS)) {
            show(robot, page);
            WaitForAsyncUtils.sleep(2500, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            if (page == Page.REPOSITORIES) {
                robot.clickOn(robot.lookup("#historyTable .table-row-cell").nth(2).<Node>query());
                WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
            }
            List<String> cut = fx(() -> VisibleText.clipped(window.scene().getRoot()));
            if (!cut.isEmpty()) {
                clipped.put(page.id(), cut);
            }
        }
        show(robot, Page.EXPERIMENTS);
        robot.interact(() -> runs(robot).getSelectionModel().selectRange(1, 4));
        robot.clickOn("#compareButton");
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        List<String> compare = fx(() -> VisibleText.clipped(window.scene().getRoot()));
        if (!compare.isEmpty()) {
            clipped.put("compare", compare);
        }
        robot.clickOn("#modelsTab");
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        List<String> models = fx(() -> VisibleText.clipped(window.scene().getRoot()));
        if (!models.isEmpty()) {
            clipped.put("models", models);
        }
        assertEquals(Map.of(), clipped);
    }

    private static int firstVisible(TableView<?> table) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        return flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
    }

    @SuppressWarnings("unused")
    private static List<String> rowNames(FxRobot robot) {
        List<String> out = new ArrayList<>();
        robot.lookup("#runsTable .table-row-cell").queryAll().forEach(n -> {
            if (n instanceof TableRow<?> row && row.getItem() instanceof RunSummary run) {
                out.add(run.runName());
            }
        });
        return out;
    }
}
