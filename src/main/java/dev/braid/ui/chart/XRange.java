package dev.braid.ui.chart;

/** Index arithmetic on x arrays sorted ascending. */
final class XRange {
    private XRange() {
    }

    /** The first index whose x is at least {@code value} ({@code x.length} if none). */
    static int lowerBound(double[] x, double value) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index whose x is greater than {@code value} ({@code x.length} if none). */
    static int upperBound(double[] x, double value) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The index range {@code [from, to)} of the points within {@code [x0, x1]} plus one neighbour on
     * each side, so a zoomed-in line still runs to the edges of the plot.
     */
    static int[] visible(double[] x, double x0, double x1) {
        int from = Math.max(0, lowerBound(x, x0) - 1);
        int to = Math.min(x.length, upperBound(x, x1) + 1);
        return new int[] {from, Math.max(from, to)};
    }

    /** Whether {@code y} can be drawn: finite, and positive on a log axis. */
    static boolean drawable(double y, boolean log) {
        return Double.isFinite(y) && (!log || y > 0);
    }
}
