package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.demo.DemoService;
import dev.braid.experiments.ui.ModelRegistryViewHandle;
import dev.braid.experiments.ui.VersionRow;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.NodeKind;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.WindowFixture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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
import org.testfx.util.WaitForAsyncUtils;

/** The whole window on the demo workspace's real lineage graph, read through the real lineage service. */
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageDemoViewTest {
    private DemoCache demo;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    /** Writing and syncing the demo takes a while, so every test of the class shares one cache. */
    @BeforeAll
    void openTheDemo() throws Exception {
        demo = DemoCache.open();
    }

    @Start
    void start(Stage stage) {
        workbench = new Workbench(demo.services(), runner, scheduler, null);
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void closeWindow() {
        workbench.close();
    }

    @AfterAll
    void closeTheDemo() throws Exception {
        scheduler.shutdownNow();
        runner.close();
        demo.close();
    }

    @Test
    void aModelVersionsLineageLinkOpensTheExplorerFocusedOnThatVersion(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.navigateTo("Experiments");
        ModelRegistryViewHandle models = new ModelRegistryViewHandle(robot);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#experimentTabs").tryQuery().isPresent());
        models.open();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> models.models().contains("churn-classifier"));
        models.selectModel("churn-classifier");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !models.versions().isEmpty());
        VersionRow row = versionRow(robot, "3");

        robot.clickOn(robot.lookup("#versionsTable .table-row-cell").match(n -> n instanceof TableRow<?> r && r.getItem() == row)
                .lookup(".hyperlink").match(n -> n instanceof Hyperlink h && h.getText().equals("Lineage")).<Node>query());

        shell.waitUntilShowing("lineageExplorer");
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, workbench.lineage());
        view.waitUntil(() -> view.detailsTitle().equals("churn-classifier v3"));
        assertEquals(LineageIds.modelVersion(DemoService.MLFLOW_SOURCE_NAME, "churn-classifier", "3"),
                workbench.lineage().focusProperty().get());
        view.waitUntil(() -> view.shownNames().stream().anyMatch(name -> name.equals("churn-classifier@champion")));
    }

    @Test
    void theExplorerOpensOnTheNewestModelVersionAndRecentListsWhereElseToStart(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.navigateTo("Lineage");
        shell.waitUntilShowing("lineageExplorer");
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, workbench.lineage());

        view.waitUntil(() -> view.detailsTitle().equals("churn-classifier v4") && view.shownNames().contains("xgb-churn")
                && view.shownNames().stream().anyMatch(name -> name.startsWith("sweep-")));
        assertTrue(view.graph().nodes().stream().anyMatch(p -> p.node().kind().equals(NodeKind.DATASET_VERSION)),
                "the run that made the version is expanded, so its training data shows: " + view.shownNames());
        assertTrue(view.canvas().redrawCount() > 0);

        view.chooseRecent("churn-classifier v1");

        view.waitUntil(() -> view.detailsTitle().equals("churn-classifier v1"));
        assertEquals(LineageIds.modelVersion(DemoService.MLFLOW_SOURCE_NAME, "churn-classifier", "1"),
                workbench.lineage().focusProperty().get());
    }

    @SuppressWarnings("unchecked")
    private static VersionRow versionRow(FxRobot robot, String number) {
        TableView<VersionRow> table = robot.lookup("#versionsTable").queryAs(TableView.class);
        return table.getItems().stream().filter(v -> v.number().equals(number)).findFirst()
                .orElseThrow(() -> new AssertionError("no version " + number + " in " + table.getItems()));
    }
}
