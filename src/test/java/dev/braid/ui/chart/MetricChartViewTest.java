package dev.braid.ui.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MetricChartViewTest {
    private static final int POINTS = 200_000;
    private MetricChart chart;
    private MetricChartHandle handle;

    @Start
    void start(Stage stage) {
        chart = new MetricChart();
        double[] x = new double[POINTS];
        double[] loss = new double[POINTS];
        double[] accuracy = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = i;
            loss[i] = 2 * Math.exp(-i / 50_000.0) + 0.1 * Math.sin(i / 300.0);
            accuracy[i] = 1 - Math.exp(-i / 30_000.0);
        }
        chart.setSeries(List.of(new ChartSeries("loss", x, loss), new ChartSeries("accuracy", x, accuracy)));
        Scene scene = new Scene(new StackPane(chart), 900, 500);
        new ThemeApplier(Map.of()).apply(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    @BeforeEach
    void handle(FxRobot robot) throws Exception {
        handle = new MetricChartHandle(robot, chart);
        handle.waitUntil(() -> chart.redrawCount() > 0 && chart.mapping().width() > 100);
    }

    @Test
    void drawsBothSeriesInTheirOwnColours() {
        int first = handle.plotPixelsNear(handle.seriesColour(0));
        int second = handle.plotPixelsNear(handle.seriesColour(1));

        assertTrue(first > 200, "pixels of the first series: " + first);
        assertTrue(second > 200, "pixels of the second series: " + second);
        assertTrue(chart.drawnPointCount() <= 2 * 4 * 900 + 32, "decimated to the width: " + chart.drawnPointCount());
    }

    @Test
    void dragZoomsToTheRangeAndResetRestoresIt(FxRobot robot) throws Exception {
        double[] full = handle.visibleXRange();
        assertArrayEquals(new double[] {0, POINTS - 1}, full);

        handle.dragAcross(0.25, 0.5);
        handle.waitUntil(chart::isZoomed);
        double[] zoomed = handle.visibleXRange();
        assertTrue(zoomed[0] > POINTS * 0.2 && zoomed[1] < POINTS * 0.55, zoomed[0] + " … " + zoomed[1]);

        robot.interact(chart::resetZoom);
        handle.waitUntil(() -> !chart.isZoomed());
        assertArrayEquals(full, handle.visibleXRange());
    }

    @Test
    void wheelZoomsAroundTheCursorAndDoubleClickResets() throws Exception {
        long frames = chart.redrawCount();
        handle.scrollAwayFromUserAtCentre(5);
        handle.waitUntil(() -> chart.isZoomed() && chart.redrawCount() > frames);
        double[] zoomed = handle.visibleXRange();
        assertTrue(zoomed[1] - zoomed[0] < POINTS * 0.9, zoomed[0] + " … " + zoomed[1]);
        double centre = (zoomed[0] + zoomed[1]) / 2;
        assertTrue(Math.abs(centre - POINTS / 2.0) < POINTS * 0.05, "zoomed around the middle: " + centre);

        handle.doubleClickPlot();
        handle.waitUntil(() -> !chart.isZoomed());
        assertArrayEquals(new double[] {0, POINTS - 1}, handle.visibleXRange());
    }

    @Test
    void logScaleAndSmoothingRedrawWithoutLosingTheLines(FxRobot robot) throws Exception {
        long frames = chart.redrawCount();
        robot.interact(() -> {
            chart.logScaleProperty().set(true);
            chart.smoothingProperty().set(0.8);
        });
        handle.waitUntil(() -> chart.redrawCount() > frames);

        double[] y = chart.visibleYRange();
        assertTrue(y[0] > 0 && y[1] > y[0], "log range " + y[0] + " … " + y[1]);
        assertTrue(handle.plotPixelsNear(handle.seriesColour(0)) > 200);
        assertTrue(handle.plotPixelsNear(handle.seriesColour(1)) > 200);
    }
}
