package dev.braid.bench;

import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import dev.braid.ui.chart.ChartSeries;
import dev.braid.ui.chart.MetricChart;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/**
 * First paint of a 1,000,000-point metric chart, and its zoom and pan redraws, in a fresh JVM
 * (headless through Monocle). A frame is timed from the change on the JavaFX thread (new series,
 * a wheel notch, a pan step) to the end of the pulse that lays the chart out and paints it. The
 * first figure is cold: the first chart this JVM draws. The warm figure repeats the same with new
 * data, as when the app has drawn charts before. {@code *_rasterised_ms} figures also wait for the
 * renderer thread to finish putting that frame on screen (through one more pulse).
 * Prints {@code FIGURE name value} lines and a PASS/FAIL verdict against the 300 ms target.
 *
 * <pre>java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw dev.braid.bench.ChartBenchmark [POINTS]</pre>
 */
public final class ChartBenchmark {
    private static final double TARGET_MS = 300;
    private static final int WARM_RUNS = 5;
    private static final int STEPS = 20;
    private static final double FRAME_MS = 100;

    public static void main(String[] args) throws Exception {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Fixture fx = onFx(ChartBenchmark::show);
        frame(fx, () -> fx.ticker.setOpacity(0.99));

        ChartSeries cold = series("train/loss", points, 1);
        long[] coldFrame = frame(fx, () -> fx.chart.setSeries(List.of(cold)));
        figure("cold_first_paint_ms", coldFrame[0]);
        figure("cold_first_paint_rasterised_ms", coldFrame[1]);

        double[] warm = new double[WARM_RUNS];
        double[] warmRasterised = new double[WARM_RUNS];
        for (int run = 0; run < WARM_RUNS; run++) {
            ChartSeries next = series("train/loss", points, 2 + run);
            long[] times = frame(fx, () -> fx.chart.setSeries(List.of(next)));
            warm[run] = times[0] / 1e6;
            warmRasterised[run] = times[1] / 1e6;
        }
        System.out.println("FIGURE warm_first_paint_ms " + median(warm));
        System.out.println("FIGURE warm_first_paint_rasterised_ms " + median(warmRasterised));

        double[][] zoom = new double[2][STEPS];
        for (int i = 0; i < STEPS; i++) {
            double delta = i < STEPS / 2 ? 40 : -40;
            record(zoom, i, frame(fx, () -> fx.chart.fireEvent(scroll(fx.chart, delta))));
        }
        report("zoom_redraw", zoom);

        frame(fx, () -> fx.chart.fireEvent(scroll(fx.chart, 40 * 4)));
        double[][] pan = new double[2][STEPS];
        onFx(() -> fire(fx.chart, MouseEvent.MOUSE_PRESSED, 0.5));
        for (int i = 0; i < STEPS; i++) {
            double at = 0.5 + (i < STEPS / 2 ? i : STEPS - i) * 0.02;
            record(pan, i, frame(fx, () -> fire(fx.chart, MouseEvent.MOUSE_DRAGGED, at)));
        }
        onFx(() -> fire(fx.chart, MouseEvent.MOUSE_RELEASED, 0.5));
        report("pan_redraw", pan);

        double smoothing = frame(fx, () -> fx.chart.smoothingProperty().set(0.6))[0] / 1e6;
        System.out.println("FIGURE smoothing_on_redraw_ms " + smoothing);
        double log = frame(fx, () -> fx.chart.logScaleProperty().set(true))[0] / 1e6;
        System.out.println("FIGURE log_scale_redraw_ms " + log);

        // The verdicts use the rasterised figures: the frame is on screen only once the renderer is done.
        double coldMs = coldFrame[1] / 1e6;
        double warmMs = median(warmRasterised);
        System.out.printf("first paint of %,d points, rasterised: cold %.1f ms, warm %.1f ms (target < %.0f ms) %s%n",
                points, coldMs, warmMs, TARGET_MS, coldMs < TARGET_MS && warmMs < TARGET_MS ? "PASS" : "FAIL");
        System.out.printf("zoom redraw %.1f ms, pan redraw %.1f ms, rasterised medians (interactive: aim < %.0f ms) %s%n",
                median(zoom[1]), median(pan[1]), FRAME_MS, median(zoom[1]) < FRAME_MS && median(pan[1]) < FRAME_MS ? "PASS" : "FAIL");
        Platform.exit();
    }

    private record Fixture(Stage stage, MetricChart chart, Region ticker) {
    }

    private static Fixture show() {
        MetricChart chart = new MetricChart();
        Region ticker = new Region();
        ticker.setPrefSize(1, 1);
        BorderPane root = new BorderPane(chart);
        root.setBottom(ticker);
        Scene scene = new Scene(root, 1280, 720);
        new ThemeApplier(Map.of()).apply(scene, Theme.LIGHT);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        return new Fixture(stage, chart, ticker);
    }

    /** A noisy, decaying loss curve with a few single-step spikes, like a long training run. */
    private static ChartSeries series(String name, int points, long seed) {
        Random random = new Random(seed);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = i;
            y[i] = 2.5 * Math.exp(-i / (points / 5.0)) + 0.2 + random.nextGaussian() * 0.05;
        }
        for (int k = 1; k <= 5; k++) {
            y[points * k / 6] = 5 + k;
        }
        return new ChartSeries(name, x, y);
    }

    /**
     * Runs {@code change} on the JavaFX thread and returns nanoseconds to the end of the pulse that
     * painted it, and to the end of the following pulse (by which the renderer has finished it).
     */
    private static long[] frame(Fixture fx, Runnable change) throws Exception {
        CompletableFuture<long[]> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            Scene scene = fx.chart.getScene();
            long frames = fx.chart.redrawCount();
            long start = System.nanoTime();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                scene.removePostLayoutPulseListener(listener[0]);
                Platform.runLater(() -> {
                    long painted = System.nanoTime() - start;
                    if (fx.chart.redrawCount() == frames && fx.chart.getScene().getWindow().isShowing()
                            && !fx.chart.getSeries().isEmpty()) {
                        System.out.println("note: the change did not cause a redraw");
                    }
                    // One more (cheap) change: the next pulse waits for the renderer to finish this frame.
                    fx.ticker.setOpacity(fx.ticker.getOpacity() == 1 ? 0.99 : 1);
                    Runnable[] second = new Runnable[1];
                    second[0] = () -> {
                        scene.removePostLayoutPulseListener(second[0]);
                        Platform.runLater(() -> done.complete(new long[] {painted, System.nanoTime() - start}));
                    };
                    scene.addPostLayoutPulseListener(second[0]);
                    Platform.requestNextPulse();
                });
            };
            change.run();
            scene.addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static void onFx(Runnable work) throws Exception {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    private static ScrollEvent scroll(MetricChart chart, double deltaY) {
        Point2D at = chart.localToScene(chart.getWidth() / 2, chart.getHeight() / 2);
        return new ScrollEvent(ScrollEvent.SCROLL, at.getX(), at.getY(), at.getX(), at.getY(), false, false, false, false,
                false, false, 0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    private static void fire(MetricChart chart, javafx.event.EventType<MouseEvent> type, double fractionOfWidth) {
        Point2D at = chart.localToScene(chart.getWidth() * fractionOfWidth, chart.getHeight() / 2);
        Event.fireEvent(chart, new MouseEvent(type, at.getX(), at.getY(), at.getX(), at.getY(), MouseButton.SECONDARY, 1,
                false, false, false, false, false, false, true, false, false, false, null));
    }

    private static void record(double[][] figures, int i, long[] frame) {
        figures[0][i] = frame[0] / 1e6;
        figures[1][i] = frame[1] / 1e6;
    }

    private static void report(String name, double[][] figures) {
        System.out.println("FIGURE " + name + "_median_ms " + median(figures[0]));
        System.out.println("FIGURE " + name + "_max_ms " + Arrays.stream(figures[0]).max().orElse(0));
        System.out.println("FIGURE " + name + "_rasterised_median_ms " + median(figures[1]));
        System.out.println("FIGURE " + name + "_rasterised_max_ms " + Arrays.stream(figures[1]).max().orElse(0));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void figure(String name, long nanos) {
        System.out.println("FIGURE " + name + " " + nanos / 1e6);
    }

}
