package dev.braid.ui.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmoothingTest {
    @Test
    void debiasingKeepsAConstantSeriesConstantFromTheFirstPoint() {
        double[] y = new double[1000];
        Arrays.fill(y, 3.7);
        for (double weight : new double[] {0.1, 0.6, 0.9, 0.99}) {
            double[] smoothed = Smoothing.ema(y, weight);
            for (double v : smoothed) {
                assertEquals(3.7, v, 1e-9, "weight " + weight);
            }
        }
    }

    @Test
    void followsTheExponentialMovingAverageWithBiasCorrection() {
        double[] smoothed = Smoothing.ema(new double[] {0, 10}, 0.5);
        // s1 = 0.5·0 = 0 → 0 / (1 − 0.5) = 0; s2 = 0.5·0 + 0.5·10 = 5 → 5 / (1 − 0.25) = 6.67
        assertEquals(0, smoothed[0], 1e-12);
        assertEquals(20.0 / 3, smoothed[1], 1e-12);
    }

    @Test
    void zeroWeightReturnsTheSeriesItself() {
        double[] y = {1, 2, 3};
        assertSame(y, Smoothing.ema(y, 0));
    }

    @Test
    void nanStaysAGapAndDoesNotPoisonTheAverage() {
        double[] smoothed = Smoothing.ema(new double[] {2, Double.NaN, 2, Double.POSITIVE_INFINITY, 2}, 0.8);
        assertTrue(Double.isNaN(smoothed[1]));
        assertEquals(Double.POSITIVE_INFINITY, smoothed[3]);
        assertArrayEquals(new double[] {2, 2, 2}, new double[] {smoothed[0], smoothed[2], smoothed[4]}, 1e-12);
    }

    @Test
    void weightIsCappedSoTheLineStillMoves() {
        double[] smoothed = Smoothing.ema(new double[] {0, 0, 0, 100}, 5);
        assertTrue(smoothed[3] > 0.1);
    }
}
