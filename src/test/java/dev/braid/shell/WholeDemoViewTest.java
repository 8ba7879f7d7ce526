package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.features.FeatureViewListing;
import dev.braid.features.ViewFilter;
import dev.braid.testing.DemoData;
import dev.braid.testing.DemoWindow;
import dev.braid.testing.VisibleText;
import dev.braid.ui.Theme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
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
 * The window as {@code BraidApp} opens it on the whole demo (CI and Airflow runs, the Feast
 * registry, governance): the pages the smaller demo leaves out draw their text in full, Ctrl+K
 * finds feature views and sources by where they are, and the runs table's source column is on
 * screen in a 1280-pixel window.
 */
@ExtendWith(ApplicationExtension.class)
class WholeDemoViewTest {
    private static DemoData demo;
    private DemoWindow window;
    private Stage stage;

    @BeforeAll
    static void openDemo() throws Exception {
        demo = DemoData.openWhole();
    }

    @AfterAll
    static void closeDemo() throws Exception {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = DemoWindow.showWhole(demo, stage, Theme.LIGHT);
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

    private static int rows(FxRobot robot, String table) {
        return robot.lookup(table).tryQuery().map(n -> ((TableView<?>) n).getItems().size()).orElse(0);
    }

    @Test
    void noTextIsCutOffOnThePipelinesFeaturesAndAuditPages(FxRobot robot) throws Exception {
        Map<String, List<String>> clipped = new LinkedHashMap<>();
        Map<Page, String> tables = Map.of(Page.PIPELINES, "#pipelinesTable", Page.FEATURES, "#featureViewsTable");
        for (Page page : List.of(Page.PIPELINES, Page.FEATURES, Page.AUDIT)) {
            show(robot, page);
            if (tables.containsKey(page)) {
                waitFor(() -> rows(robot, tables.get(page)) > 0);
            }
            WaitForAsyncUtils.sleep(2000, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            List<String> cut = fx(() -> VisibleText.clipped(window.scene().getRoot()));
            if (!cut.isEmpty()) {
                clipped.put(page.id(), cut);
            }
        }
        assertEquals(Map.of(), clipped);
    }

    /**
     * The size a first start opens with: the filter bars, hints and table headings of every page
     * (the Repositories page with a commit chosen) still read whole in 1280×800.
     */
    @Test
    void noTextIsCutOffOnAnyPageAtTheLaunchSize(FxRobot robot) throws Exception {
        Map<Page, String> tables = Map.of(Page.REPOSITORIES, "#historyTable", Page.EXPERIMENTS, "#runsTable",
                Page.FEATURES, "#featureViewsTable", Page.PIPELINES, "#pipelinesTable", Page.SOURCES, "#sourcesTable",
                Page.SYNC_LOG, "#syncLogTable");
        Map<String, List<String>> clipped = CutOffPages.atLaunchSize(robot, stage, window, page -> {
            try {
                if (tables.containsKey(page)) {
                    waitFor(() -> rows(robot, tables.get(page)) > 0);
                }
                if (page == Page.REPOSITORIES) {
                    robot.clickOn(robot.lookup("#historyTable .table-row-cell").nth(2).<Node>query());
                }
            } catch (Exception e) {
                throw new AssertionError(page + " did not fill", e);
            }
        });
        assertEquals(Map.of(), clipped);
    }

    @Test
    void ctrlKFindsFeatureViewsAndSourcesByWhereTheyAre(FxRobot robot) throws Exception {
        FeatureViewListing view = demo.context().features().listings(ViewFilter.ALL).get(0);
        show(robot, Page.REPOSITORIES);
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#globalSearch").query().isFocused());
        robot.write(view.name());
        ListView<?> results = robot.lookup("#searchResults").queryAs(ListView.class);
        waitFor(() -> results.getItems().stream().anyMatch(r -> "Feature views".equals(((SearchRow) r).heading())));
        SearchRow found = fx(() -> under(results, "Feature views").stream().filter(r -> r.result().title().equals(view.name()))
                .findFirst().orElseThrow());
        assertTrue(found.result().detail().startsWith("feature view · " + view.project()), found.result().detail());
        robot.interact(() -> found.result().open().run());
        waitFor(() -> window.workbench().shell().pageProperty().get() == Page.FEATURES);
        waitFor(() -> window.workbench().features().selectedProperty().get() != null
                && window.workbench().features().selectedProperty().get().name().equals(view.name()));

        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#globalSearch").query().isFocused());
        robot.write("registry.db");
        waitFor(() -> results.getItems().stream().anyMatch(r -> "Sources".equals(((SearchRow) r).heading())));
        List<String> sources = fx(() -> under(results, "Sources").stream().map(r -> r.result().detail()).toList());
        assertTrue(sources.stream().anyMatch(d -> d.startsWith("feast source · ") && d.endsWith("registry.db")), sources.toString());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    /** The results listed under the heading {@code title}. */
    private static List<SearchRow> under(ListView<?> results, String title) {
        List<SearchRow> out = new java.util.ArrayList<>();
        String heading = null;
        for (Object item : results.getItems()) {
            SearchRow row = (SearchRow) item;
            if (row.isHeading()) {
                heading = row.heading();
            } else if (title.equals(heading)) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void theRunsTablesSourceColumnIsOnScreenAt1280PixelsWide(FxRobot robot) throws Exception {
        robot.interact(() -> stage.setWidth(1280));
        show(robot, Page.EXPERIMENTS);
        waitFor(() -> rows(robot, "#runsTable") > 0);
        WaitForAsyncUtils.sleep(1000, TimeUnit.MILLISECONDS);
        Node header = robot.lookup("#runsTable .column-header").match(n -> n instanceof javafx.scene.control.skin.TableColumnHeader h
                && h.getTableColumn() != null && "col-source".equals(h.getTableColumn().getId())).query();
        Node table = robot.lookup("#runsTable").query();
        Bounds column = fx(() -> header.localToScene(header.getBoundsInLocal()));
        Bounds shown = fx(() -> table.localToScene(table.getBoundsInLocal()));
        double sceneWidth = fx(() -> window.scene().getWidth());
        // Back to the size the other tests use while this window still listens to the stage.
        robot.interact(() -> stage.setWidth(DemoWindow.WIDTH));
        assertTrue(column.getMaxX() <= shown.getMaxX() && column.getMinX() >= shown.getMinX(),
                "the Source column " + column + " lies within the table " + shown);
        assertTrue(sceneWidth <= 1280, "the window was " + sceneWidth + " wide");
    }
}
