package dev.braid.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LttbTest {
    @Test
    void keepsFirstAndLastAndReducesToTheThreshold() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 1000.0);
        }

        PointBuffer points = Lttb.decimate(x, y, 0, n - 1, 500, false);

        assertEquals(0, points.x(0));
        assertEquals(n - 1, points.x(points.size() - 1));
        assertTrue(points.size() <= 501, "size " + points.size());
        assertTrue(points.size() >= 450, "size " + points.size());
    }

    @Test
    void aLoneSpikeMakesTheLargestTriangleInItsBucket() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        y[4321] = 100;

        PointBuffer points = Lttb.decimate(x, y, 0, n - 1, 100, false);

        assertTrue(MinMaxDecimatorTest.describe(points).contains("100"));
    }

    @Test
    void shortSeriesComeBackWhole() {
        double[] x = {0, 1, 2, 3};
        double[] y = {4, 3, 2, 1};
        assertEquals("4 3 2 1", MinMaxDecimatorTest.describe(Lttb.decimate(x, y, 0, 3, 100, false)));
    }

    @Test
    void nanSplitsTheSeriesIntoRunsWithAGapBetween() {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = {1, 2, Double.NaN, Double.NaN, 5, 6};
        assertEquals("1 2 | 5 6", MinMaxDecimatorTest.describe(Lttb.decimate(x, y, 0, 5, 100, false)));
    }

    @Test
    void logAxisSkipsNonPositiveValues() {
        double[] x = {0, 1, 2, 3};
        double[] y = {10, 0, -1, 1000};
        assertEquals("10 1000", MinMaxDecimatorTest.describe(Lttb.decimate(x, y, 0, 3, 100, true)));
    }
}
