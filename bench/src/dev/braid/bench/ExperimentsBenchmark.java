package dev.braid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.experiments.ExperimentService;
import dev.braid.sync.Source;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The experiments benchmark, against a real {@code mlflow server} over the generated store
 * ({@code bench/mlflow/generate.py}): the MLflow Python client reading every run and 20 long
 * metric histories, then Braid's full sync of the same data with those histories fetched and
 * cached, a sync with nothing changed, and filter plus sort over 100,000 cached runs (the synced
 * runs copied ten times into a second cache). The Java heap is sampled through all Braid steps.
 *
 * <pre>java -Xmx512m dev.braid.bench.ExperimentsBenchmark MLFLOW_URI WORK_DIR GENERATED_JSON PYTHON CLIENT_SCRIPT</pre>
 *
 * {@code WORK_DIR} receives Braid's data folders and must be empty or absent.
 */
public final class ExperimentsBenchmark {
    static final int COPIES = 10;

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        Path work = Path.of(args[1]).toAbsolutePath();
        JsonNode generated = new ObjectMapper().readTree(Files.readString(Path.of(args[2])));
        List<String> historyRuns = new ArrayList<>();
        generated.get("history_runs").forEach(id -> historyRuns.add(id.asText()));
        Report report = new Report(true);
        report.info("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        report.info("MLflow store", generated.get("runs").asLong() + " runs, " + generated.get("params").asLong()
                + " params, " + generated.get("metrics").asLong() + " latest metrics, " + generated.get("tags").asLong()
                + " tags; " + historyRuns.size() + " runs with " + generated.get("history_points").asLong() / historyRuns.size()
                + "-step histories");

        JsonNode client = pythonClient(args[3], args[4], uri, historyRuns);
        double clientMs = client.get("total_s").asDouble() * 1000;
        report.info("Python client: search_runs, all pages", fmt(client.get("search_s").asDouble() * 1000) + " ms ("
                + client.get("runs").asLong() + " runs)");
        report.info("Python client: get_metric_history x " + historyRuns.size(),
                fmt(client.get("history_s").asDouble() * 1000) + " ms (" + client.get("points").asLong() + " points)");
        report.info("Python client: total", fmt(clientMs) + " ms");

        DataDirectories dirs = new DataDirectories(work.resolve("data"), work.resolve("config"));
        HeapMonitor heap = new HeapMonitor();
        Path copy = work.resolve("copies");
        try (AppContext app = AppContext.open(dirs, Clock.systemUTC())) {
            ExperimentService experiments = app.experiments();
            Source source = experiments.addMlflow(uri, "bench", null, null, null);
            IndexBenchmark.PhaseLog phases = new IndexBenchmark.PhaseLog();
            long start = System.nanoTime();
            SyncRun full = require(app.syncEngine().start(source, phases).result().get());
            long synced = System.nanoTime();
            List<Long> pks = new ArrayList<>();
            for (String runId : historyRuns) {
                pks.add(experiments.run(source.id(), runId).orElseThrow().summary().runPk());
            }
            long points = experiments.metricHistories(pks, "loss").values().stream().mapToLong(List::size).sum();
            long done = System.nanoTime();
            double braidMs = (done - start) / 1e6;
            report.info("Braid: full sync", ms(synced - start) + " (" + full.counts().added() + " runs added)");
            phases.report(report, "  ");
            report.info("Braid: " + historyRuns.size() + " histories fetched and cached", ms(done - synced)
                    + " (" + points + " points)");
            report.check("Braid full sync + histories", braidMs, "ms", clientMs, "<= client (" + fmt(clientMs) + ")");
            report.info("  ratio to the Python client", String.format(Locale.ROOT, "%.2fx", braidMs / clientMs));

            long before = System.nanoTime();
            SyncRun again = require(app.syncEngine().start(source, new IndexBenchmark.PhaseLog()).result().get());
            double noChangeMs = (System.nanoTime() - before) / 1e6;
            report.check("sync with nothing changed", noChangeMs, "ms", 2000, "< 2000 ms");
            report.info("  counts recorded (added/changed/removed)", again.counts().added() + "/" + again.counts().changed()
                    + "/" + again.counts().removed());
            report.check("  runs reported changed", again.counts().changed() + again.counts().added(), "", 0, "= 0");
            experiments.requestReconciliation(source.id());
            before = System.nanoTime();
            SyncRun reconciled = require(app.syncEngine().start(source, new IndexBenchmark.PhaseLog()).result().get());
            report.info("full reconciliation with nothing changed", ms(System.nanoTime() - before) + " ("
                    + reconciled.counts().changed() + " changed)");
            report.info("  heap so far (sampled peak)", fmt(heap.sampledPeakBytes() / (1024.0 * 1024.0)) + " MB");
            RunCopies.write(app.database(), copy, COPIES);
        }

        try (AppContext app = AppContext.open(new DataDirectories(copy, work.resolve("config")), Clock.systemUTC())) {
            RunQueryFigures.measure(app, report);
        }
        heap.close();
        double peakMb = heap.sampledPeakBytes() / (1024.0 * 1024.0);
        report.check("peak heap through all Braid steps (sampled)", peakMb, "MB", 512, "< 512 MB");
        report.info("  sum of heap pool peaks (upper bound)", fmt(heap.poolPeakSumBytes() / (1024.0 * 1024.0)) + " MB");
        report.print();
        System.exit(report.allPassed() ? 0 : 1);
    }

    private static JsonNode pythonClient(String python, String script, String uri, List<String> historyRuns)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script));
        command.addAll(historyRuns);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(Redirect.INHERIT);
        builder.environment().put("MLFLOW_TRACKING_URI", uri);
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("the Python client failed:\n" + out);
        }
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    private static SyncRun require(SyncRun run) {
        if (run.outcome() != SyncOutcome.SUCCEEDED) {
            throw new IllegalStateException("sync ended " + run.outcome() + ": " + run.error());
        }
        return run;
    }

    private static String ms(long nanos) {
        return fmt(nanos / 1e6) + " ms";
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
