package dev.braid.ui.chart;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives a {@link MetricChart} in a view test the way a user would, and reads what it painted. */
final class MetricChartHandle {
    private final FxRobot robot;
    private final MetricChart chart;

    MetricChartHandle(FxRobot robot, MetricChart chart) {
        this.robot = robot;
        this.chart = chart;
    }

    void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.interact(() -> { }) == robot && condition.getAsBoolean());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Pixels inside the plot area whose colour is close to {@code colour}. */
    int plotPixelsNear(Color colour) {
        int[] count = new int[1];
        robot.interact(() -> {
            Canvas canvas = (Canvas) chart.getChildrenUnmodifiable().get(0);
            WritableImage image = canvas.snapshot(null, null);
            PixelReader pixels = image.getPixelReader();
            PlotMapping map = chart.mapping();
            for (int y = (int) map.top() + 2; y < (int) map.bottom() - 1; y++) {
                for (int x = (int) map.left() + 2; x < (int) map.right() - 1; x++) {
                    Color c = pixels.getColor(x, y);
                    if (Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
                            + Math.abs(c.getBlue() - colour.getBlue()) < 0.15) {
                        count[0]++;
                    }
                }
            }
        });
        return count[0];
    }

    Color seriesColour(int index) {
        return chart.colours().line(index);
    }

    /** Drags with the left button across the given fractions of the plot's width, at mid-height. */
    void dragAcross(double fromFraction, double toFraction) {
        PlotMapping map = chart.mapping();
        double y = map.top() + map.height() / 2;
        robot.drag(screen(map.left() + map.width() * fromFraction, y), MouseButton.PRIMARY)
                .dropTo(screen(map.left() + map.width() * toFraction, y));
    }

    /**
     * Turns the wheel away from the user (positive deltaY, "zoom in"). Monocle's robot reports
     * TestFX's {@code UP} as a negative deltaY, the opposite of desktop platforms, so this asks for
     * {@code DOWN} to get the event a real wheel sends.
     */
    void scrollAwayFromUserAtCentre(int notches) {
        PlotMapping map = chart.mapping();
        robot.moveTo(screen(map.left() + map.width() / 2, map.top() + map.height() / 2));
        robot.scroll(notches, javafx.geometry.VerticalDirection.DOWN);
    }

    void doubleClickPlot() {
        PlotMapping map = chart.mapping();
        robot.moveTo(screen(map.left() + map.width() / 2, map.top() + map.height() / 2));
        robot.doubleClickOn(MouseButton.PRIMARY);
    }

    double[] visibleXRange() {
        return robot.interact(() -> chart.visibleXRange()) == null ? null : chart.visibleXRange();
    }

    private Point2D screen(double x, double y) {
        return chart.localToScreen(x, y);
    }
}
