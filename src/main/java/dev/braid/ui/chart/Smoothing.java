package dev.braid.ui.chart;

/**
 * Exponential moving average as experiment trackers draw it: {@code s = w·s + (1−w)·y}, divided by
 * {@code 1 − w^n} (n finite values so far) so the start is not pulled towards zero. NaN and
 * infinite values stay as they are (gaps) and do not enter the average.
 */
public final class Smoothing {
    /** Heavier weights would flatten the line to nothing; trackers cap the slider here too. */
    public static final double MAX_WEIGHT = 0.99;

    private Smoothing() {
    }

    /** The smoothed values; {@code y} itself when the weight is zero or less. */
    public static double[] ema(double[] y, double weight) {
        if (!(weight > 0)) {
            return y;
        }
        double w = Math.min(weight, MAX_WEIGHT);
        double[] out = new double[y.length];
        double average = 0;
        double biasWeight = 1;
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (!Double.isFinite(v)) {
                out[i] = v;
                continue;
            }
            average = average * w + (1 - w) * v;
            biasWeight *= w;
            out[i] = average / (1 - biasWeight);
        }
        return out;
    }
}
