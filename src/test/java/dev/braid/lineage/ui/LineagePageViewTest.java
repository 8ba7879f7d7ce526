package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.lineage.InMemoryLineage;
import dev.braid.lineage.LineageGraphs;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The shell's Lineage page shows the explorer when the window is given a lineage reader. */
@ExtendWith(ApplicationExtension.class)
class LineagePageViewTest {
    @TempDir
    Path folder;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private AppContext context;
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        context = GitFixture.open(folder.resolve("braid"));
        InMemoryLineage graph = LineageGraphs.project("churn", 4, 9);
        WorkbenchServices services = GitFixture.services(context, null, graph);
        workbench = new Workbench(services, runner, scheduler, null);
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        context.close();
    }

    @Test
    void theLineagePageIsTheExplorer(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.navigateTo("Lineage");
        shell.waitUntilShowing("lineageExplorer");
        assertTrue(robot.lookup("#placeholder-lineage").tryQuery().isEmpty(), "no placeholder");

        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, workbench.lineage());
        view.search("champion");

        view.waitUntil(() -> view.shownNames().contains("churn-classifier v4"));
        assertTrue(view.detailsTitle().equals("champion"));
    }
}
