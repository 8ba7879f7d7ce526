package dev.braid.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewportTest {
    private final Viewport view = new Viewport();

    @Test
    void zoomKeepsTheAnchorInPlaceAndResetRestoresEverything() {
        view.setDataBounds(0, 1000);
        view.zoom(250, 0, 0.5);
        assertEquals(125, view.x0(), 1e-9);
        assertEquals(625, view.x1(), 1e-9);
        assertTrue(view.isZoomed());

        view.reset();
        assertEquals(0, view.x0());
        assertEquals(1000, view.x1());
        assertFalse(view.isZoomed());
    }

    @Test
    void zoomingOutStopsAtTheDataAndPanningStaysInside() {
        view.setDataBounds(0, 100);
        view.zoom(50, 0, 0.1);
        view.pan(1000, 0);
        assertEquals(100, view.x1(), 1e-9);
        view.zoom(50, 0, 100);
        assertEquals(0, view.x0());
        assertFalse(view.isZoomed());
    }

    @Test
    void aRectangleFixesTheYRangeUntilReset() {
        view.setDataBounds(0, 100);
        view.fitY(0, 1);
        view.zoomTo(20, 10, 0.8, 0.2);
        view.fitY(-5, 5);
        assertEquals(10, view.x0());
        assertEquals(20, view.x1());
        assertEquals(0.2, view.y0());
        assertEquals(0.8, view.y1());

        view.reset();
        view.fitY(-5, 5);
        assertEquals(-5, view.y0());
        assertTrue(view.isYAuto());
    }
}
