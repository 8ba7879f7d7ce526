package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViewportTest {
    @Test
    void clampingAWideGraphLeavesNoEmptyMarginAndCentresASmallOne() {
        Viewport view = new Viewport();
        // 1000 wide at scale 1 in an 800 wide view, anchored so its right end sits 300 px short of the view's edge.
        view.anchor(900, 50, 400, 50);
        assertEquals(-500, view.offsetX());

        view.clamp(1000, 100, 800, 600);

        assertEquals(-200, view.offsetX(), "the right end now meets the view's edge");
        assertEquals(250, view.offsetY(), "a graph lower than the view is centred");
        view.anchor(0, 0, 150, 0);
        view.clamp(1000, 100, 800, 600);
        assertEquals(0, view.offsetX(), "and the left end never leaves a margin either");
    }
}
