package dev.braid.lineage.ui;

/**
 * Where the graph plane sits on screen: {@code screen = world × scale + offset}. Zoom keeps the
 * point under the cursor still; fit shows the whole graph, never enlarged beyond its natural size.
 */
final class Viewport {
    static final double MIN_SCALE = 0.04;
    static final double MAX_SCALE = 3;
    private double scale = 1;
    private double offsetX;
    private double offsetY;

    double scale() {
        return scale;
    }

    double offsetX() {
        return offsetX;
    }

    double offsetY() {
        return offsetY;
    }

    double toScreenX(double worldX) {
        return worldX * scale + offsetX;
    }

    double toScreenY(double worldY) {
        return worldY * scale + offsetY;
    }

    double toWorldX(double screenX) {
        return (screenX - offsetX) / scale;
    }

    double toWorldY(double screenY) {
        return (screenY - offsetY) / scale;
    }

    void pan(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
    }

    void zoom(double factor, double aroundX, double aroundY) {
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        double worldX = toWorldX(aroundX);
        double worldY = toWorldY(aroundY);
        scale = next;
        offsetX = aroundX - worldX * scale;
        offsetY = aroundY - worldY * scale;
    }

    void fit(double graphWidth, double graphHeight, double viewWidth, double viewHeight) {
        if (graphWidth <= 0 || graphHeight <= 0 || viewWidth <= 0 || viewHeight <= 0) {
            scale = 1;
            offsetX = 0;
            offsetY = 0;
            return;
        }
        scale = Math.max(MIN_SCALE, Math.min(1, Math.min(viewWidth / graphWidth, viewHeight / graphHeight)));
        offsetX = (viewWidth - graphWidth * scale) / 2;
        offsetY = (viewHeight - graphHeight * scale) / 2;
    }

    /**
     * Slides the view, scale unchanged, so that a graph larger than the view leaves no empty
     * margin on either side (the selection stays in view, more of the graph comes in) and a
     * smaller one is centred.
     */
    void clamp(double graphWidth, double graphHeight, double viewWidth, double viewHeight) {
        offsetX = clampAxis(offsetX, graphWidth * scale, viewWidth);
        offsetY = clampAxis(offsetY, graphHeight * scale, viewHeight);
    }

    private static double clampAxis(double offset, double graph, double view) {
        return graph <= view ? (view - graph) / 2 : Math.max(view - graph, Math.min(0, offset));
    }

    /** Puts world point {@code (x, y)} at screen point {@code (sx, sy)}. */
    void anchor(double x, double y, double sx, double sy) {
        offsetX = sx - x * scale;
        offsetY = sy - y * scale;
    }
}
