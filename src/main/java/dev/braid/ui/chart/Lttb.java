package dev.braid.ui.chart;

/**
 * Largest-triangle-three-buckets downsampling (Steinarsson, 2013): keeps the first and last point
 * and, from each bucket in between, the point that forms the largest triangle with the point kept
 * from the previous bucket and the average of the next bucket. Areas are measured in axis units
 * (log10 of y on a log axis) because scaling x or y by a constant does not change which point wins.
 *
 * <p>The x values must be sorted ascending. NaN and infinite values split the series into runs
 * drawn with gaps between them; each run gets a share of the points in proportion to its length.
 * On a log axis, zero and negative values are skipped.
 */
public final class Lttb {
    private Lttb() {
    }

    /** Downsamples the points within {@code [x0, x1]} (plus one neighbour each side) to about {@code threshold}. */
    public static PointBuffer decimate(double[] x, double[] y, double x0, double x1, int threshold, boolean log) {
        int[] range = XRange.visible(x, x0, x1);
        int from = range[0];
        int to = range[1];
        int[] kept = new int[to - from];
        double[] values = new double[to - from];
        int[] runEnds = new int[to - from + 1];
        int count = 0;
        int runs = 0;
        for (int i = from; i < to; i++) {
            double v = y[i];
            if (!Double.isFinite(v)) {
                if (count > 0 && (runs == 0 || runEnds[runs - 1] != count)) {
                    runEnds[runs++] = count;
                }
            } else if (!log || v > 0) {
                kept[count] = i;
                values[count] = log ? Math.log10(v) : v;
                count++;
            }
        }
        if (count > 0 && (runs == 0 || runEnds[runs - 1] != count)) {
            runEnds[runs++] = count;
        }
        PointBuffer out = new PointBuffer(Math.min(count, threshold) + runs);
        int start = 0;
        for (int r = 0; r < runs; r++) {
            int end = runEnds[r];
            int share = (int) Math.max(3, Math.round((double) threshold * (end - start) / count));
            if (r > 0) {
                out.addGap();
            }
            downsample(x, y, kept, values, start, end, share, out);
            start = end;
        }
        return out;
    }

    /** LTTB over the kept points {@code [start, end)}. */
    private static void downsample(double[] x, double[] y, int[] kept, double[] values, int start, int end, int threshold,
            PointBuffer out) {
        int n = end - start;
        if (n <= threshold) {
            for (int k = start; k < end; k++) {
                out.add(x[kept[k]], y[kept[k]]);
            }
            return;
        }
        double every = (double) (n - 2) / (threshold - 2);
        int a = start;
        out.add(x[kept[a]], y[kept[a]]);
        for (int bucket = 0; bucket < threshold - 2; bucket++) {
            int avgFrom = start + (int) Math.floor((bucket + 1) * every) + 1;
            int avgTo = Math.min(start + (int) Math.floor((bucket + 2) * every) + 1, end);
            double avgX = 0;
            double avgY = 0;
            for (int k = avgFrom; k < avgTo; k++) {
                avgX += x[kept[k]];
                avgY += values[k];
            }
            int avgCount = Math.max(1, avgTo - avgFrom);
            avgX /= avgCount;
            avgY /= avgCount;

            int from = start + (int) Math.floor(bucket * every) + 1;
            int to = Math.min(start + (int) Math.floor((bucket + 1) * every) + 1, end - 1);
            double ax = x[kept[a]];
            double ay = values[a];
            double best = -1;
            int chosen = from;
            for (int k = from; k < to; k++) {
                double area = Math.abs((ax - avgX) * (values[k] - ay) - (ax - x[kept[k]]) * (avgY - ay));
                if (area > best) {
                    best = area;
                    chosen = k;
                }
            }
            out.add(x[kept[chosen]], y[kept[chosen]]);
            a = chosen;
        }
        out.add(x[kept[end - 1]], y[kept[end - 1]]);
    }
}
