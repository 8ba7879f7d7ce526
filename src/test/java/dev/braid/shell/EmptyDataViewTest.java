package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testing.DemoData;
import dev.braid.testing.DemoWindow;
import dev.braid.testing.VisibleText;
import dev.braid.ui.GatedTaskRunner;
import dev.braid.ui.Theme;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An empty data folder, read slowly: every view says it is reading while the cache has not
 * answered, and only then says it is empty and how to fill it.
 */
@ExtendWith(ApplicationExtension.class)
class EmptyDataViewTest {
    private DemoData data;
    private GatedTaskRunner runner;
    private DemoWindow window;

    @Start
    void start(Stage stage) throws Exception {
        data = DemoData.empty();
        runner = new GatedTaskRunner();
        window = DemoWindow.show(data, stage, Theme.LIGHT, runner);
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(window::close);
        data.close();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().filter(Node::isVisible).map(n -> ((Labeled) n).getText()).orElse("");
    }

    private static void show(FxRobot robot, DemoWindow window, Page page) {
        robot.interact(() -> window.workbench().shell().show(page));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyViewSaysItIsReadingUntilTheCacheAnswersThenHowToFillIt(FxRobot robot) throws Exception {
        assertEquals("Reading sources…", text(robot, "#noSources"));
        show(robot, window, Page.REPOSITORIES);
        assertTrue(robot.lookup("#repositoryList .placeholder").tryQuery().isPresent()
                || robot.lookup("#repositoryList").tryQuery().isPresent());
        assertFalse(robot.lookup("#repositoriesEmpty").query().isVisible(), "not empty: not read yet");
        show(robot, window, Page.EXPERIMENTS);
        assertFalse(robot.lookup("#experimentsNoSource").query().isVisible(), "not \"no source\": not read yet");
        assertTrue(robot.lookup(".loading-note").queryAll().stream().anyMatch(Node::isVisible), "says it is reading");
        show(robot, window, Page.LINEAGE);
        assertEquals("Reading the lineage graph from the cache…", text(robot, "#lineageEmpty"));
        show(robot, window, Page.SOURCES);
        assertTrue(robot.lookup("#sourcesLoading").query().isVisible());
        assertFalse(robot.lookup("#sourcesEmpty").query().isVisible());

        runner.open();

        // With no sources, the window turns to the welcome page once it knows.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#welcome").tryQuery().map(Node::isVisible).orElse(false));
        show(robot, window, Page.SOURCES);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#sourcesEmpty").query().isVisible());
        assertTrue(((Labeled) robot.lookup("#sourcesEmpty").query()).getText().contains("Add source"));
        assertEquals("No sources yet", text(robot, "#noSources"));
        show(robot, window, Page.LINEAGE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#lineageEmpty").startsWith("The lineage graph is empty"));
        assertTrue(text(robot, "#lineageEmpty").contains("Add source"));
        show(robot, window, Page.EXPERIMENTS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#experimentsNoSource").query().isVisible());
        assertEquals("Add an MLflow source…", ((Labeled) robot.lookup("#experimentsAddSource").query()).getText());
        show(robot, window, Page.REPOSITORIES);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#repositoriesEmpty").query().isVisible());

        robot.clickOn("#repositoriesAddSource");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#sourceKindTitle").tryQuery().isPresent());
        assertEquals("Repository folder", ((Labeled) robot.lookup("#sourceKindTitle").query()).getText(),
                "the empty view opens the dialog on its kind of source");
        assertTrue(VisibleText.clipped(robot.lookup("#addSourceDialog").queryParent()).isEmpty(),
                VisibleText.clipped(robot.lookup("#addSourceDialog").queryParent()).toString());
    }
}
