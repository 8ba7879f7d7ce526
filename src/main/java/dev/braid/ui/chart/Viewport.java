package dev.braid.ui.chart;

/**
 * The visible part of a chart: an x range in data units and a y range in axis units (log10 of the
 * value on a log axis). The y range follows the visible data ("auto") until the user zooms to a
 * rectangle. Zooming out never goes past the data.
 */
final class Viewport {
    private double fullX0 = 0;
    private double fullX1 = 1;
    private double x0 = 0;
    private double x1 = 1;
    private boolean xZoomed;
    private boolean yAuto = true;
    private double y0;
    private double y1;

    /** The x extent of all data; keeps the current zoom if there is one. */
    void setDataBounds(double min, double max) {
        if (!(max > min)) {
            double pad = Math.max(Math.abs(min) * 0.05, 0.5);
            min -= pad;
            max += pad;
        }
        fullX0 = min;
        fullX1 = max;
        if (!xZoomed) {
            x0 = min;
            x1 = max;
        }
    }

    void reset() {
        x0 = fullX0;
        x1 = fullX1;
        xZoomed = false;
        yAuto = true;
    }

    /** Scales both ranges by {@code factor} (below 1 zooms in) keeping the anchor point in place; y only if fixed. */
    void zoom(double anchorX, double anchorY, double factor) {
        setX(anchorX - (anchorX - x0) * factor, anchorX + (x1 - anchorX) * factor);
        if (!yAuto) {
            double minWidth = minWidth(y0, y1);
            double ny0 = anchorY - (anchorY - y0) * factor;
            double ny1 = anchorY + (y1 - anchorY) * factor;
            if (ny1 - ny0 > minWidth) {
                y0 = ny0;
                y1 = ny1;
            }
        }
    }

    /** Shows exactly the given rectangle and stops following the data on y. */
    void zoomTo(double nx0, double nx1, double ny0, double ny1) {
        setX(Math.min(nx0, nx1), Math.max(nx0, nx1));
        if (Math.abs(ny1 - ny0) > minWidth(ny0, ny1)) {
            y0 = Math.min(ny0, ny1);
            y1 = Math.max(ny0, ny1);
            yAuto = false;
        }
    }

    /** Moves the view by the given distances; y moves only when it is fixed. */
    void pan(double dx, double dy) {
        double width = x1 - x0;
        double nx0 = Math.max(fullX0, Math.min(fullX1 - width, x0 + dx));
        x0 = nx0;
        x1 = nx0 + width;
        if (!yAuto) {
            y0 += dy;
            y1 += dy;
        }
    }

    /** Forgets a fixed y range, e.g. when the axis switches between linear and log. */
    void autoY() {
        yAuto = true;
    }

    /** Sets the y range shown while following the data. */
    void fitY(double min, double max) {
        if (yAuto) {
            y0 = min;
            y1 = max;
        }
    }

    private void setX(double nx0, double nx1) {
        double fullWidth = fullX1 - fullX0;
        if (nx1 - nx0 >= fullWidth) {
            x0 = fullX0;
            x1 = fullX1;
            xZoomed = false;
            return;
        }
        double minWidth = minWidth(fullX0, fullX1);
        if (nx1 - nx0 < minWidth) {
            double mid = (nx0 + nx1) / 2;
            nx0 = mid - minWidth / 2;
            nx1 = mid + minWidth / 2;
        }
        double shift = nx0 < fullX0 ? fullX0 - nx0 : nx1 > fullX1 ? fullX1 - nx1 : 0;
        x0 = nx0 + shift;
        x1 = nx1 + shift;
        xZoomed = true;
    }

    /** Below this width labels lose their meaning in double precision. */
    private static double minWidth(double a, double b) {
        return Math.max(Math.abs(a), Math.abs(b)) * 1e-9 + Math.abs(b - a) * 1e-9 + 1e-12;
    }

    boolean isZoomed() {
        return xZoomed || !yAuto;
    }

    boolean isYAuto() {
        return yAuto;
    }

    double x0() {
        return x0;
    }

    double x1() {
        return x1;
    }

    double y0() {
        return y0;
    }

    double y1() {
        return y1;
    }
}
