package dev.braid.ui.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTicksTest {
    private static List<String> labels(AxisTicks ticks) {
        return Arrays.stream(ticks.values()).mapToObj(ticks::label).toList();
    }

    @Test
    void linearTicksAreNiceNumbers() {
        AxisTicks ticks = AxisTicks.linear(0, 1_000_000, 6);
        assertEquals(200_000, ticks.step());
        assertEquals(List.of("0", "200000", "400000", "600000", "800000", "1000000"), labels(ticks));
    }

    @Test
    void fractionalRangesGetEnoughDecimalsAndAnExactZero() {
        AxisTicks ticks = AxisTicks.linear(-0.13, 0.27, 5);
        assertEquals(0.1, ticks.step(), 1e-15);
        assertEquals(List.of("-0.1", "0.0", "0.1", "0.2"), labels(ticks));
    }

    @Test
    void niceNumbersAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.02, AxisTicks.nice(0.013), 1e-15);
        assertEquals(5, AxisTicks.nice(3.2));
        assertEquals(10, AxisTicks.nice(7));
        assertEquals(1000, AxisTicks.nice(1000));
    }

    @Test
    void logTicksArePowersOfTen() {
        AxisTicks ticks = AxisTicks.log(0.0005, 20, 10);
        assertArrayEquals(new double[] {1e-3, 1e-2, 1e-1, 1, 10}, ticks.values(), 1e-12);
        assertEquals(List.of("0.001", "0.01", "0.1", "1", "10"), labels(ticks));
    }

    @Test
    void manyDecadesSkipPowersAndANarrowLogRangeFallsBackToLinearTicks() {
        assertEquals(List.of("1e-10", "1e-6", "0.01", "100", "1e6", "1e10"), labels(AxisTicks.log(1e-10, 1e10, 6)));
        assertEquals(List.of("2", "3", "4", "5"), labels(AxisTicks.log(2, 5.5, 5)));
    }

    @Test
    void hugeAndTinyValuesUseExponents() {
        assertEquals(List.of("0", "2e7", "4e7"), labels(AxisTicks.linear(0, 4e7, 3)));
        assertEquals(List.of("0", "5e-5", "1e-4", "1.5e-4"), labels(AxisTicks.linear(0, 1.6e-4, 5)));
    }

    @Test
    void timeTicksFallOnRoundDurations() {
        AxisTicks ticks = AxisTicks.time(0, 3 * 3600, 7);
        assertEquals(1800, ticks.step());
        assertEquals("1h 30m", XAxisMode.RELATIVE_TIME.label(ticks, 5400, ZoneOffset.UTC));
        assertEquals("01:30:00", XAxisMode.WALL_TIME.label(ticks, 5400, ZoneOffset.UTC));
    }

    @Test
    void xModesTurnStepsAndTimestampsIntoXValues() {
        long[] steps = {0, 10, 20};
        long[] millis = {1_700_000_000_000L, 1_700_000_001_500L, 1_700_000_004_000L};
        assertArrayEquals(new double[] {0, 10, 20}, XAxisMode.STEP.values(steps, millis));
        assertArrayEquals(new double[] {1_700_000_000, 1_700_000_001.5, 1_700_000_004}, XAxisMode.WALL_TIME.values(steps, millis));
        assertArrayEquals(new double[] {0, 1.5, 4}, XAxisMode.RELATIVE_TIME.values(steps, millis));
        assertArrayEquals(new double[] {10, 11.5, 14},
                XAxisMode.RELATIVE_TIME.values(steps, millis, 1_699_999_990_000L));
    }
}
