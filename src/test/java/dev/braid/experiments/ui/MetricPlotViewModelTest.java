package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.ImmediateTaskRunner;
import dev.braid.ui.TaskRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric chart reads its runs' histories as one batch: histories already cached come from the
 * cache, and the others are asked of the server together, not one run after another. The server
 * here holds each history request until all three uncached runs have asked (or five seconds pass),
 * so only requests made at once are all in flight together.
 */
class MetricPlotViewModelTest {
    private static final int UNCACHED = 3;
    @TempDir
    Path tmp;
    private HttpServer server;
    private ExecutorService serverThreads;
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final CountDownLatch together = new CountDownLatch(UNCACHED);
    private ExperimentRows rows;

    @BeforeEach
    void open() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/api/2.0/mlflow/metrics/get-history", this::history);
        server.start();
        AppContext context = AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC());
        rows = new ExperimentRows(context, "http://127.0.0.1:" + server.getAddress().getPort());
        rows.experiment("1", "churn");
        for (int i = 1; i <= UNCACHED + 1; i++) {
            rows.run("1", "r" + i, "run-" + i, i * 1_000_000L, null, Map.of(), Map.of("rmse", 0.1 * i), Map.of());
        }
        rows.run("1", "other", "other-run", 9_000_000L, null, Map.of(), Map.of("auc", 0.9), Map.of());
        rows.history("r1", "rmse", 0.9, 0.3);
    }

    @AfterEach
    void close() {
        rows.context().close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /** Answers {@code metrics/get-history} with two points for the run, held until all uncached runs have asked. */
    private void history(HttpExchange exchange) throws IOException {
        String runId = query(exchange, "run_id");
        asked.add(runId);
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        together.countDown();
        try {
            together.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
        double last = Integer.parseInt(runId.substring(1)) / 10.0;
        byte[] body = ("{\"metrics\": [{\"key\": \"rmse\", \"value\": 1.0, \"timestamp\": 10, \"step\": 0},"
                + " {\"key\": \"rmse\", \"value\": " + last + ", \"timestamp\": 20, \"step\": 1}]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String query(HttpExchange exchange, String name) {
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + exchange.getRequestURI());
    }

    @Test
    void theChartAsksForEveryRunsHistoryAtOnceAndReadsCachedOnesFromTheCache() throws Exception {
        List<RunSummary> runs = rows.context().experiments().runs(RunQuery.all());
        CountingRunner runner = new CountingRunner();
        MetricPlotViewModel plot = new MetricPlotViewModel(rows.context().experiments(), runner, runs);

        plot.chooseMetric("rmse");

        assertEquals(1, runner.tasks.get(), "one background task for the whole chart");
        List<String> fetched = new ArrayList<>(asked);
        Collections.sort(fetched);
        assertEquals(List.of("r2", "r3", "r4"), fetched, "only uncached runs with the metric are fetched, each once");
        assertEquals(UNCACHED, mostInFlight.get(), "the uncached histories were asked for together");
        assertEquals(List.of("run-1", "run-2", "run-3", "run-4"),
                plot.series().stream().map(PlotSeries::name).sorted().toList());
        PlotSeries cached = plot.series().stream().filter(s -> s.name().equals("run-1")).findFirst().orElseThrow();
        assertTrue(Arrays.equals(new double[] {0.9, 0.3}, cached.y()), Arrays.toString(cached.y()));
        PlotSeries fetchedRun = plot.series().stream().filter(s -> s.name().equals("run-3")).findFirst().orElseThrow();
        assertTrue(Arrays.equals(new double[] {1.0, 0.3}, fetchedRun.y()), Arrays.toString(fetchedRun.y()));

        // The fetched histories were cached: a new chart of the same runs asks the server nothing.
        MetricPlotViewModel again = new MetricPlotViewModel(rows.context().experiments(), runner, runs);
        again.chooseMetric("rmse");
        assertEquals(UNCACHED, asked.size());
        assertEquals(4, again.series().size());
    }

    /** The immediate runner, counting the background tasks it is given. */
    private static final class CountingRunner implements TaskRunner {
        private final TaskRunner runner = new ImmediateTaskRunner();
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            tasks.incrementAndGet();
            runner.run(work, onSuccess, onFailure);
        }

        @Override
        public void onUiThread(Runnable action) {
            runner.onUiThread(action);
        }
    }
}
