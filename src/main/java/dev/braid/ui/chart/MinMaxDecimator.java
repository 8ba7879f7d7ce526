package dev.braid.ui.chart;

/**
 * Thins a series to a pixel width by keeping, for every pixel column, its first, smallest, largest
 * and last point in x order. The drawn line then covers exactly the pixels the full series would,
 * so a single-point spike is never lost, and the output holds at most about four points per column.
 *
 * <p>The x values must be sorted ascending. A NaN or infinite y breaks the line (a gap marker in the
 * output); on a log axis, zero and negative y values are skipped without breaking it. At most one
 * gap is kept per column, which keeps the output bounded even for data full of holes.
 */
public final class MinMaxDecimator {
    private MinMaxDecimator() {
    }

    /**
     * @param x0      left edge of the visible x range
     * @param x1      right edge of the visible x range (greater than {@code x0})
     * @param columns pixel width of the plot
     * @param log     whether the y axis is logarithmic
     */
    public static PointBuffer decimate(double[] x, double[] y, double x0, double x1, int columns, boolean log) {
        int[] range = XRange.visible(x, x0, x1);
        int from = range[0];
        int to = range[1];
        columns = Math.max(1, columns);
        PointBuffer out = new PointBuffer(Math.min(to - from, columns * 4 + 8));
        if (to - from <= columns * 4) {
            copyAll(x, y, from, to, log, out);
            return out;
        }
        double perColumn = columns / (x1 - x0);
        long column = Long.MIN_VALUE;
        int first = -1;
        int min = -1;
        int max = -1;
        int last = -1;
        boolean gapInColumn = false;
        for (int i = from; i < to; i++) {
            double v = y[i];
            long c = columnOf(x[i], x0, perColumn, columns);
            if (c != column) {
                emit(x, y, first, min, max, last, out);
                first = -1;
                column = c;
                gapInColumn = false;
            }
            if (!Double.isFinite(v)) {
                if (!gapInColumn) {
                    emit(x, y, first, min, max, last, out);
                    first = -1;
                    out.addGap();
                    gapInColumn = true;
                }
                continue;
            }
            if (log && v <= 0) {
                continue;
            }
            if (first < 0) {
                first = min = max = i;
            } else if (v < y[min]) {
                min = i;
            } else if (v > y[max]) {
                max = i;
            }
            last = i;
        }
        emit(x, y, first, min, max, last, out);
        return out;
    }

    private static long columnOf(double x, double x0, double perColumn, int columns) {
        double c = Math.floor((x - x0) * perColumn);
        // Points outside the visible range share one column on each side.
        return (long) Math.max(-1, Math.min(columns, c));
    }

    private static void copyAll(double[] x, double[] y, int from, int to, boolean log, PointBuffer out) {
        for (int i = from; i < to; i++) {
            double v = y[i];
            if (!Double.isFinite(v)) {
                out.addGap();
            } else if (!log || v > 0) {
                out.add(x[i], v);
            }
        }
    }

    /** Adds the column's distinct extreme points in the order they occur. */
    private static void emit(double[] x, double[] y, int first, int min, int max, int last, PointBuffer out) {
        if (first < 0) {
            return;
        }
        int lo = Math.min(min, max);
        int hi = Math.max(min, max);
        out.add(x[first], y[first]);
        if (lo != first) {
            out.add(x[lo], y[lo]);
        }
        if (hi != lo && hi != first) {
            out.add(x[hi], y[hi]);
        }
        if (last != hi && last != first) {
            out.add(x[last], y[last]);
        }
    }
}
