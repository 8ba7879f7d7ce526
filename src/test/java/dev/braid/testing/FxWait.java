package dev.braid.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Waits in UI tests that must not race the windowing system. */
public final class FxWait {
    private FxWait() {
    }

    /**
     * Waits until the node {@code query} finds is in a window that is on screen. A dialog's nodes
     * exist a moment before its window shows; a click in between finds nothing visible to click.
     */
    public static void untilShowing(FxRobot robot, String query) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                .map(FxWait::onScreen)
                .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean onScreen(Node node) {
        return node.isVisible() && node.getScene() != null && node.getScene().getWindow() != null
                && node.getScene().getWindow().isShowing();
    }
}
