package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineDag;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

/**
 * Issue 10 §8: lay out and paint a 300-job pipeline graph in under 200 ms. Builds a run of 300
 * jobs (30 stages of 10, each job needing one to three jobs of the stage before, seed 1), then
 * times, on the JavaFX thread's clock, from handing the jobs over to the end of the pulse after
 * the one that painted the graph (so the software renderer has finished): the layering and
 * critical path ({@link PipelineDag#of}) plus the Pipelines view's own canvas, in a 1280 x 720
 * scroll pane as the view has it. First once after a 10-job graph was shown (the first 300-job
 * graph), then the median of five more runs. It lives in the canvas's package because the canvas is
 * package-private: the benchmark draws with exactly the view's code, not a copy.
 */
public final class PipelineGraphBenchmark {
    private static final double TARGET_MS = 200;
    private static final int JOBS = 300;
    private static final int WARM_RUNS = 5;

    public static void main(String[] args) throws Exception {
        boolean passed = false;
        try {
            passed = run();
        } finally {
            Platform.exit();
        }
        System.exit(passed ? 0 : 1);
    }

    private static boolean run() throws Exception {
        List<PipelineJob> jobs = jobs(Integer.getInteger("bench.jobs", JOBS), new Random(1));
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        DagCanvas canvas = onFx(() -> {
            DagCanvas dag = new DagCanvas(job -> { });
            Scene scene = new Scene(new ScrollPane(dag), 1280, 720);
            new ThemeApplier(Map.of()).apply(scene, Theme.LIGHT);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            return dag;
        });
        // The running app has drawn a small graph (and its tables, fonts and renderer) before anyone
        // opens a 300-job run, as the index benchmark's table is filled once first; the very first
        // graph of the JVM is printed for information.
        List<PipelineJob> small = jobs(10, new Random(2));
        double veryFirst = painted(canvas, () -> canvas.show(PipelineDag.of(small)), System.nanoTime()) / 1e6;
        double[] times = new double[WARM_RUNS + 1];
        double[] recording = new double[WARM_RUNS + 1];
        int layers = 0;
        for (int run = 0; run <= WARM_RUNS; run++) {
            onFx(() -> {
                canvas.show(null);
                return null;
            });
            long before = onFx(canvas::redrawCount);
            long start = System.nanoTime();
            times[run] = painted(canvas, () -> canvas.show(PipelineDag.of(jobs)), start) / 1e6;
            if (run == WARM_RUNS) {
                System.out.println("  frames drawn for one showing: " + (onFx(canvas::redrawCount) - before));
            }
            if (onFx(canvas::redrawCount) == before) {
                throw new IllegalStateException("the graph was never drawn");
            }
            layers = onFx(() -> canvas.dag().layers());
            recording[run] = onFx(canvas::lastPaintNanos) / 1e6;
            if (run == WARM_RUNS) {
                System.out.println("  the graph is " + onFx(() -> (int) canvas.getWidth() + " x " + (int) canvas.getHeight())
                        + " px; the canvas drawn is " + onFx(() -> {
                            javafx.scene.canvas.Canvas drawn = (javafx.scene.canvas.Canvas) canvas.getChildrenUnmodifiable().get(0);
                            return (int) drawn.getWidth() + " x " + (int) drawn.getHeight();
                        }) + " px");
            }
        }
        double cold = times[0];
        double warm = median(Arrays.copyOfRange(times, 1, times.length));
        boolean fast = cold < TARGET_MS && warm < TARGET_MS;
        System.out.printf("  the JVM's very first graph (10 jobs), for information: %.1f ms%n", veryFirst);
        System.out.printf("  of which the canvas's drawing calls: cold %.1f ms, warm median %.1f ms (the rest is layout and rendering)%n",
                recording[0], median(Arrays.copyOfRange(recording, 1, recording.length)));
        System.out.printf("300-job graph (%d layers): layout + paint cold %.1f ms, warm median %.1f ms (target < %.0f ms) %s%n",
                layers, cold, warm, TARGET_MS, fast ? "PASS" : "FAIL");
        return fast;
    }

    /** Thirty stages of ten jobs; each needs one to three jobs of the stage before. */
    public static List<PipelineJob> jobs(int count, Random random) {
        Instant t = Instant.parse("2026-12-01T08:00:00Z");
        PipelineStatus[] statuses = {PipelineStatus.SUCCESS, PipelineStatus.SUCCESS, PipelineStatus.SUCCESS,
                PipelineStatus.FAILED, PipelineStatus.SKIPPED};
        List<PipelineJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int stage = i / 10;
            List<String> needs = new ArrayList<>();
            if (stage > 0) {
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    String need = "job-" + ((stage - 1) * 10 + random.nextInt(10));
                    if (!needs.contains(need)) {
                        needs.add(need);
                    }
                }
            }
            PipelineStatus status = statuses[random.nextInt(statuses.length)];
            long duration = 10_000L + random.nextInt(600_000);
            jobs.add(new PipelineJob(Integer.toString(i), "job-" + i, "stage-" + stage, "job", status, status.word(), t, t,
                    t.plusMillis(duration), 1_000L, duration, 1, false, false, null, needs, null, i, null, null));
        }
        return jobs;
    }

    /** Nanoseconds from {@code start} to the end of the pulse after the one that laid out and painted {@code change}. */
    private static long painted(DagCanvas canvas, Runnable change, long start) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            Scene scene = canvas.getScene();
            Runnable[] first = new Runnable[1];
            first[0] = () -> {
                scene.removePostLayoutPulseListener(first[0]);
                Platform.runLater(() -> {
                    canvas.setOpacity(canvas.getOpacity() == 1 ? 0.999 : 1);
                    Runnable[] second = new Runnable[1];
                    second[0] = () -> {
                        scene.removePostLayoutPulseListener(second[0]);
                        Platform.runLater(() -> done.complete(System.nanoTime() - start));
                    };
                    scene.addPostLayoutPulseListener(second[0]);
                    Platform.requestNextPulse();
                });
            };
            change.run();
            scene.addPostLayoutPulseListener(first[0]);
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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
