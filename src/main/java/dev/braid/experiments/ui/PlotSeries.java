package dev.braid.experiments.ui;

/** One line of a metric chart: a run's name and its points (x and y of equal length). */
public record PlotSeries(String name, double[] x, double[] y) {
    public int size() {
        return x.length;
    }
}
