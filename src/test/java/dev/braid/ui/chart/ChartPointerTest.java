package dev.braid.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChartPointerTest {
    @Test
    void nearestPointIsFoundByBinarySearchOnX() {
        double[] x = {0, 10, 20, 30};
        assertEquals(0, ChartPointer.nearest(x, -5));
        assertEquals(1, ChartPointer.nearest(x, 14));
        assertEquals(2, ChartPointer.nearest(x, 16));
        assertEquals(3, ChartPointer.nearest(x, 99));
        assertEquals(-1, ChartPointer.nearest(new double[0], 1));
    }

    @Test
    void hoverValuesShowSixSignificantDigits() {
        assertEquals("0.123457", ChartPointer.number(0.1234567));
        assertEquals("1234570", ChartPointer.number(1234567.4));
        assertEquals("1.5E-7", ChartPointer.number(1.5e-7));
        assertEquals("NaN", ChartPointer.number(Double.NaN));
        assertEquals("42", ChartPointer.number(42.0));
    }
}
