package dev.braid.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Metric histories that behave like training: a loss falls from a high start towards its final
 * value, a score (AUC, F1, accuracy) climbs towards it, fast at first and then levelling off, with
 * a little noise that shrinks as training settles. Points are spread evenly over the run's time;
 * a run that failed or is still running stops part of the way, short of its final value.
 */
final class MetricCurves {
    private MetricCurves() {
    }

    /** Whether a smaller value of {@code key} is better (losses and errors). */
    static boolean lowerIsBetter(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("loss") || k.contains("error") || k.contains("rmse") || k.contains("mae") || k.contains("mse");
    }

    /**
     * The history of metric {@code key} ending at {@code last} after {@code steps} steps over
     * {@code [start, start + duration]}, cut at {@code reached} (1 for a finished run) of the way.
     * With no steps, the single final point.
     */
    static List<MlrunsWriter.Point> curve(String key, double last, long start, long duration, int steps, double reached,
                                          Random random) {
        List<MlrunsWriter.Point> points = new ArrayList<>();
        if (steps <= 0) {
            points.add(new MlrunsWriter.Point(start + duration, last, 0));
            return points;
        }
        boolean lower = lowerIsBetter(key);
        double first = lower ? last * (2.2 + 0.8 * random.nextDouble())
                : key.toLowerCase(Locale.ROOT).contains("auc") ? 0.5 + (last - 0.5) * (0.15 + 0.25 * random.nextDouble())
                : last * (0.5 + 0.2 * random.nextDouble());
        double span = Math.abs(first - last);
        int lastStep = Math.max(1, (int) Math.floor(steps * reached));
        for (int step = 0; step <= lastStep; step++) {
            double t = (double) step / steps;
            double value;
            if (step == steps) {
                value = last;
            } else {
                double gap = (first - last) * Math.exp(-4.5 * t);
                value = last + gap + random.nextGaussian() * 0.015 * span * (1 - t);
            }
            if (!lower) {
                value = Math.min(1, value);
            }
            points.add(new MlrunsWriter.Point(start + Math.round(duration * t), Math.max(0, value), step));
        }
        return points;
    }
}
