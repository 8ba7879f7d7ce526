package dev.braid.ui.chart;

import java.util.Arrays;

/**
 * A growable list of points in data units, the output of decimation. A point whose x is NaN is a
 * gap marker: the line is broken there.
 */
public final class PointBuffer {
    private double[] xs;
    private double[] ys;
    private int size;

    public PointBuffer(int capacity) {
        xs = new double[Math.max(capacity, 4)];
        ys = new double[xs.length];
    }

    public void add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** Breaks the line, unless it is already broken or nothing has been added yet. */
    public void addGap() {
        if (size > 0 && !isGap(size - 1)) {
            add(Double.NaN, Double.NaN);
        }
    }

    public boolean isGap(int i) {
        return Double.isNaN(xs[i]);
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** The smallest and largest y among the points, or {@code null} when there are none. */
    public double[] yRange() {
        return yRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The smallest and largest y among the points with x in {@code [x0, x1]}, or {@code null} if none. */
    public double[] yRange(double x0, double x1) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            if (!isGap(i) && xs[i] >= x0 && xs[i] <= x1) {
                min = Math.min(min, ys[i]);
                max = Math.max(max, ys[i]);
            }
        }
        return min <= max ? new double[] {min, max} : null;
    }
}
