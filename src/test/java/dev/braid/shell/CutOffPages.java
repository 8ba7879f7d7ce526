package dev.braid.shell;

import dev.braid.app.BraidApp;
import dev.braid.testing.DemoWindow;
import dev.braid.testing.VisibleText;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every page of the window at the size {@code BraidApp} opens it with on a first start (1280×800,
 * where a sidebar, a filter bar and a table share little room): the text each page cuts off, by
 * page. The window goes back to {@link DemoWindow}'s size afterwards, so the other tests of a class
 * see the size they expect.
 */
final class CutOffPages {
    private CutOffPages() {
    }

    /** The pages in the navigation, in its order. */
    static List<Page> navigation() {
        return Arrays.stream(Page.values()).filter(Page::inNavigation).toList();
    }

    /**
     * Shows each page of {@code window} at the launch size, lets {@code settle} wait for what the
     * page reads (rows, a selection), and collects what {@link VisibleText#clipped} finds.
     */
    static Map<String, List<String>> atLaunchSize(FxRobot robot, Stage stage, DemoWindow window, Consumer<Page> settle)
            throws Exception {
        robot.interact(() -> {
            stage.setWidth(BraidApp.LAUNCH_WIDTH);
            stage.setHeight(BraidApp.LAUNCH_HEIGHT);
        });
        try {
            Map<String, List<String>> clipped = new LinkedHashMap<>();
            for (Page page : navigation()) {
                robot.interact(() -> window.workbench().shell().show(page));
                WaitForAsyncUtils.waitForFxEvents();
                settle.accept(page);
                WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                double width = WaitForAsyncUtils.asyncFx(() -> window.scene().getWidth()).get(10, TimeUnit.SECONDS);
                if (width > BraidApp.LAUNCH_WIDTH) {
                    throw new AssertionError("the window is " + width + " wide, not the launch width");
                }
                List<String> cut = WaitForAsyncUtils.asyncFx(() -> VisibleText.clipped(window.scene().getRoot()))
                        .get(10, TimeUnit.SECONDS);
                if (!cut.isEmpty()) {
                    clipped.put(page.id(), cut);
                }
            }
            return clipped;
        } finally {
            robot.interact(() -> {
                stage.setWidth(DemoWindow.WIDTH);
                stage.setHeight(DemoWindow.HEIGHT);
            });
        }
    }
}
