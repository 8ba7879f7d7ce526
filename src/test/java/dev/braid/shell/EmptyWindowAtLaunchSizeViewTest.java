package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.testing.DemoData;
import dev.braid.testing.DemoWindow;
import dev.braid.ui.Theme;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window as a first start opens it, on an empty data folder and at the launch size: each
 * page's empty-state hint and its filter choosers read whole (the hints are the longest texts
 * these pages have, and they only show while nothing is added).
 */
@ExtendWith(ApplicationExtension.class)
class EmptyWindowAtLaunchSizeViewTest {
    private DemoData data;
    private DemoWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        data = DemoData.empty();
        window = DemoWindow.showWhole(data, stage, Theme.LIGHT);
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(window::close);
        data.close();
    }

    @Test
    void noHintOrChooserIsCutOffOnAnyPage(FxRobot robot) throws Exception {
        // With nothing added the window turns to the welcome page once the cache has answered.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#welcome").tryQuery().map(Node::isVisible).orElse(false));
        Map<String, List<String>> clipped = CutOffPages.atLaunchSize(robot, stage, window, page -> { });
        assertEquals(Map.of(), clipped);
    }
}
