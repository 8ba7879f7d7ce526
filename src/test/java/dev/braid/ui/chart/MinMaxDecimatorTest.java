package dev.braid.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MinMaxDecimatorTest {
    private static final int N = 1_000_000;

    private static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] noise(int n, long seed) {
        Random random = new Random(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 1 + random.nextDouble() * 0.1;
        }
        return y;
    }

    private static boolean containsY(PointBuffer points, double value) {
        for (int i = 0; i < points.size(); i++) {
            if (!points.isGap(i) && points.y(i) == value) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everySinglePointSpikeOfAMillionPointSeriesSurvives() {
        double[] x = steps(N);
        double[] y = noise(N, 7);
        int[] at = {3, 123_457, 500_000, 777_777, N - 2};
        double[] spikes = {50, -40, 1e6, 1.0001e3, -7.5};
        for (int k = 0; k < at.length; k++) {
            y[at[k]] = spikes[k];
        }

        PointBuffer points = MinMaxDecimator.decimate(x, y, 0, N - 1, 800, false);

        for (double spike : spikes) {
            assertTrue(containsY(points, spike), "spike " + spike + " kept");
        }
        assertTrue(points.size() <= 4 * 800 + 8, "at most about four points per column: " + points.size());
        assertEquals(0, points.x(0));
        assertEquals(N - 1, points.x(points.size() - 1));
    }

    @Test
    void zoomingInKeepsTheNeighboursOutsideAndTheDetailInside() {
        double[] x = steps(N);
        double[] y = noise(N, 3);
        y[400_123] = 9;

        PointBuffer points = MinMaxDecimator.decimate(x, y, 400_000, 401_000, 500, false);

        assertEquals(399_999, points.x(0), "one point left of the view, so the line reaches the edge");
        assertEquals(401_001, points.x(points.size() - 1));
        assertTrue(containsY(points, 9));
        assertTrue(points.size() <= 4 * 500 + 8);
    }

    @Test
    void outputIsInXOrder() {
        double[] x = steps(100_000);
        PointBuffer points = MinMaxDecimator.decimate(x, noise(100_000, 1), 0, 99_999, 300, false);
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.x(i) > points.x(i - 1), "x ascending at " + i);
        }
    }

    @Test
    void nanAndInfinityBreakTheLineInsteadOfBeingDrawn() {
        double[] x = steps(10);
        double[] y = {1, 2, Double.NaN, 4, 5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 8, 9, 10};

        PointBuffer points = MinMaxDecimator.decimate(x, y, 0, 9, 800, false);

        assertEquals("1 2 | 4 5 | 8 9 10", describe(points));
    }

    @Test
    void nanGapsSurviveDecimation() {
        double[] x = steps(N);
        double[] y = noise(N, 5);
        for (int i = 600_000; i < 650_000; i++) {
            y[i] = Double.NaN;
        }

        PointBuffer points = MinMaxDecimator.decimate(x, y, 0, N - 1, 1000, false);

        int gaps = 0;
        for (int i = 0; i < points.size(); i++) {
            if (points.isGap(i)) {
                gaps++;
                assertTrue(points.x(i - 1) < 600_000 && points.x(i + 1) >= 650_000);
            }
        }
        assertEquals(1, gaps);
    }

    @Test
    void nonPositiveValuesAreSkippedOnALogAxisWithoutBreakingTheLine() {
        double[] x = steps(6);
        double[] y = {1, 0, 3, -2, 5, 6};

        assertEquals("1 3 5 6", describe(MinMaxDecimator.decimate(x, y, 0, 5, 800, true)));
        assertEquals("1 0 3 -2 5 6", describe(MinMaxDecimator.decimate(x, y, 0, 5, 800, false)));
    }

    static String describe(PointBuffer points) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            text.append(i == 0 ? "" : " ").append(points.isGap(i) ? "|" : ChartPointer.number(points.y(i)));
        }
        return text.toString();
    }
}
