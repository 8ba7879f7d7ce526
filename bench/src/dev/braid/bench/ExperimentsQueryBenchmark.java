package dev.braid.bench;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.sync.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The filter and sort part of the experiments benchmark alone, without an MLflow server: a cache
 * holding {@link SyntheticRuns} (shaped like the generated MLflow store after a sync) is copied
 * ten times by {@link RunCopies}, then {@link RunQueryFigures} asks the screen's queries.
 *
 * <pre>java dev.braid.bench.ExperimentsQueryBenchmark WORK_DIR</pre>
 *
 * {@code WORK_DIR} receives the data folders and must be empty or absent; or it holds the copied
 * cache of an earlier run ({@code WORK_DIR/copies/cache.db}), which is then queried again as it is,
 * so that two builds can be compared on the same cache.
 */
public final class ExperimentsQueryBenchmark {
    private ExperimentsQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Report report = new Report(true);
        Path copy = work.resolve("copies");
        DataDirectories dirs = new DataDirectories(work.resolve("data"), work.resolve("config"));
        if (Files.exists(copy.resolve("cache.db"))) {
            report.info("cache", "reused from " + copy);
        } else {
            write(dirs, copy, report);
        }
        try (AppContext app = AppContext.open(new DataDirectories(copy, work.resolve("config")), Clock.systemUTC())) {
            RunQueryFigures.measure(app, report);
        }
        report.print();
        System.exit(report.allPassed() ? 0 : 1);
    }

    private static void write(DataDirectories dirs, Path copy, Report report) throws Exception {
        try (AppContext app = AppContext.open(dirs, Clock.systemUTC())) {
            Source source = app.experiments().addMlflow("http://127.0.0.1:9", "bench", null, null, null);
            long start = System.nanoTime();
            int runs = SyntheticRuns.write(app.database(), source.id(), System.currentTimeMillis());
            report.info("synthetic runs written", runs + " in " + ExperimentsBenchmark.fmt((System.nanoTime() - start) / 1e6) + " ms");
            start = System.nanoTime();
            RunCopies.write(app.database(), copy, ExperimentsBenchmark.COPIES);
            report.info("copied " + ExperimentsBenchmark.COPIES + " times", ExperimentsBenchmark.fmt((System.nanoTime() - start) / 1e6) + " ms");
        }
    }
}
