package dev.braid.ui.chart;

/**
 * Maps between data and pixels for one drawn frame: the plot rectangle inside the canvas and the
 * visible ranges (y in axis units: log10 of the value on a log axis).
 */
record PlotMapping(double left, double top, double width, double height, double x0, double x1, double y0, double y1,
        boolean log) {

    double px(double x) {
        return left + (x - x0) / (x1 - x0) * width;
    }

    /** Pixel row of a data value (not an axis unit). */
    double py(double value) {
        double axis = log ? Math.log10(value) : value;
        return top + (y1 - axis) / (y1 - y0) * height;
    }

    double dataX(double px) {
        return x0 + (px - left) / width * (x1 - x0);
    }

    /** Axis unit at a pixel row. */
    double axisY(double py) {
        return y1 - (py - top) / height * (y1 - y0);
    }

    boolean contains(double px, double py) {
        return px >= left && px <= left + width && py >= top && py <= top + height;
    }

    double right() {
        return left + width;
    }

    double bottom() {
        return top + height;
    }
}
