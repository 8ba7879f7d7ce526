package dev.braid.bench;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.Direction;
import dev.braid.lineage.ImportReport;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.ReachedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The lineage graph's data targets, in one JVM whose Java heap is sampled throughout:
 * <ul>
 *   <li>importing a JSON Lines file of OpenLineage events ({@link LineageEventsGenerator}) with
 *       {@code OpenLineageImporter}, as {@code braid lineage import} does, into a fresh cache
 *       opened through {@code AppContext}; then the same file again (every event a repeat);</li>
 *   <li>depth-10 downstream closures in a graph of 1,000,000 edges ({@link ScaleGraph}) written
 *       through {@code LineageService.apply} into a second fresh cache: median of 21 closures
 *       from random starts after 5 warm-up closures.</li>
 * </ul>
 *
 * <pre>java -Xmx512m dev.braid.bench.LineageBenchmark EVENTS_FILE WORK_DIR EXPECTED_EVENTS EXPECTED_REPEATS EXPECTED_BROKEN</pre>
 *
 * {@code WORK_DIR} receives the data folders and must be empty or absent. Exits with 1 when a
 * target is missed or a count is not what the file holds.
 */
public final class LineageBenchmark {
    static final double INGEST_TARGET_MS = 30_000;
    static final double CLOSURE_TARGET_MS = 100;
    static final double HEAP_TARGET_MB = 512;
    private static final int WARM_CLOSURES = 5;
    private static final int TIMED_CLOSURES = 21;

    public static void main(String[] args) throws Exception {
        Path events = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int expectedEvents = Integer.parseInt(args[2]);
        int expectedRepeats = Integer.parseInt(args[3]);
        int expectedBroken = Integer.parseInt(args[4]);
        Report report = new Report(true);
        report.info("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        boolean countsRight;
        HeapMonitor heap = new HeapMonitor();
        try (AppContext app = AppContext.open(dirs(work, "ingest"), Clock.systemUTC())) {
            report.info("events file", String.format(Locale.ROOT, "%s, %,d bytes, %,d lines", events.getFileName(),
                    Files.size(events), expectedEvents + expectedRepeats + expectedBroken));
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            ImportReport first = app.openLineageImporter().importPaths(List.of(events));
            double ingestMs = (System.nanoTime() - start) / 1e6;
            cpu = processCpuNanos() - cpu;
            report.check("import " + String.format(Locale.ROOT, "%,d", expectedEvents) + " OpenLineage events", ingestMs,
                    "ms", INGEST_TARGET_MS, "< 30000 ms");
            report.info("  events per second", String.format(Locale.ROOT, "%,.0f", first.added() / (ingestMs / 1000)));
            report.info("  CPU time of the JVM meanwhile (all threads)", ms(cpu) + String.format(Locale.ROOT,
                    " (%.2f cores busy on average)", cpu / 1e6 / ingestMs));
            report.info("  added / repeated / refused", first.added() + " / " + first.repeated() + " / " + first.problems().size());
            report.info("  graph", counts(app));
            countsRight = first.added() == expectedEvents && first.repeated() == expectedRepeats
                    && first.problems().size() == expectedBroken;
            String graph = counts(app);
            start = System.nanoTime();
            ImportReport again = app.openLineageImporter().importPaths(List.of(events));
            report.info("import the same file again (all repeats)", ms(System.nanoTime() - start) + " ("
                    + again.added() + " added, " + again.repeated() + " repeated)");
            countsRight &= again.added() == 0 && again.repeated() == expectedEvents + expectedRepeats
                    && counts(app).equals(graph);
            report.info("  heap so far (sampled peak)", mb(heap.sampledPeakBytes()));
        }

        try (AppContext app = AppContext.open(dirs(work, "closure"), Clock.systemUTC())) {
            LineageService lineage = app.lineage();
            long start = System.nanoTime();
            long edges = ScaleGraph.write(lineage);
            report.info(String.format(Locale.ROOT, "write %,d edges through LineageService.apply", edges),
                    ms(System.nanoTime() - start));
            Random random = new Random(42);
            for (int i = 0; i < WARM_CLOSURES; i++) {
                lineage.closure(ScaleGraph.randomStart(random), Direction.DOWNSTREAM, 10, null);
            }
            double[] millis = new double[TIMED_CLOSURES];
            long reached = 0;
            for (int i = 0; i < millis.length; i++) {
                NodeId node = ScaleGraph.randomStart(random);
                long t = System.nanoTime();
                List<ReachedNode> closure = lineage.closure(node, Direction.DOWNSTREAM, 10, null);
                millis[i] = (System.nanoTime() - t) / 1e6;
                reached += closure.size();
                countsRight &= closure.get(closure.size() - 1).depth() == 10;
            }
            Arrays.sort(millis);
            double median = millis[millis.length / 2];
            report.check("depth-10 downstream closure, 1M edges (median)", median, "ms", CLOSURE_TARGET_MS, "< 100 ms");
            report.info("  fastest / slowest of " + TIMED_CLOSURES, fmt(millis[0]) + " / " + fmt(millis[millis.length - 1])
                    + " ms, " + reached / TIMED_CLOSURES + " nodes reached on average");
        }
        heap.close();
        report.check("peak Java heap (sampled)", heap.sampledPeakBytes() / (1024.0 * 1024.0), "MB", HEAP_TARGET_MB, "< 512 MB");
        report.info("  sum of the heap pools' peaks (upper bound)", mb(heap.poolPeakSumBytes()));
        if (!countsRight) {
            report.info("COUNTS WRONG", "the imports or closures did not give the expected counts (see above)");
        }
        report.print();
        System.exit(report.allPassed() && countsRight ? 0 : 1);
    }

    private static DataDirectories dirs(Path work, String name) {
        return new DataDirectories(work.resolve(name), work.resolve("config"));
    }

    private static String counts(AppContext app) {
        return app.database().read(c -> {
            StringBuilder out = new StringBuilder();
            for (String table : new String[] {"lineage_events", "lineage_nodes", "lineage_edges", "lineage_columns"}) {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d %s", rs.getLong(1),
                            table.substring("lineage_".length())));
                }
            }
            return out.toString();
        });
    }

    /** CPU time the whole JVM has used (every thread, the JIT and the garbage collector included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String ms(long nanos) {
        return fmt(nanos / 1e6) + " ms";
    }

    private static String mb(long bytes) {
        return fmt(bytes / (1024.0 * 1024.0)) + " MB";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }
}
