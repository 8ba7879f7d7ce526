package dev.braid.bench;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentKey;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.experiments.ui.ExperimentsViewModel;
import java.util.Arrays;
import java.util.List;

/**
 * The filter and sort figures over a large cache, asked as the Experiments screen asks them: every
 * experiment chosen, the first page of {@link ExperimentsViewModel#PAGE_SIZE} runs plus the count of
 * all runs the query matches (what {@code RunPager} reads before it shows a new query). Each query
 * is timed {@value #ROUNDS} times; the median of the slowest query is judged.
 */
final class RunQueryFigures {
    static final int ROUNDS = 7;
    static final double TARGET_MS = 100;

    /** Filter and order of each query; null is none (the default order). */
    static final String[][] QUERIES = {
            {null, "metrics.m03 DESC"},
            {null, "metrics.m07 ASC"},
            {"metrics.m01 > 5 and params.p02 = 'adam'", "metrics.m00 DESC"},
            {"tags.team = 'nlp' and params.p00 = '64'", null},
            {"params.p01 LIKE '0.1%'", "params.p05"},
            {"attributes.status = 'RUNNING' or metrics.m02 < 0.001", "attributes.start_time"}};

    private RunQueryFigures() {
    }

    static void measure(AppContext app, Report report) throws Exception {
        ExperimentService experiments = app.experiments();
        long cached = app.database().read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM runs")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        List<ExperimentKey> chosen = experiments.experiments().stream().map(ExperimentKey::of).toList();
        report.info("cache", cached + " runs in " + chosen.size() + " experiments, all chosen");
        int page = ExperimentsViewModel.PAGE_SIZE;
        double worst = 0;
        for (String[] q : QUERIES) {
            RunQuery query = new RunQuery(null, List.of(), chosen, q[0], q[1], false, 0, 0);
            double[] times = new double[ROUNDS];
            double[] pageTimes = new double[ROUNDS];
            int rows = 0;
            long total = 0;
            for (int i = 0; i < ROUNDS; i++) {
                long t = System.nanoTime();
                List<RunSummary> runs = experiments.runs(query.page(0, page));
                long paged = System.nanoTime();
                total = experiments.countRuns(query);
                times[i] = (System.nanoTime() - t) / 1e6;
                pageTimes[i] = (paged - t) / 1e6;
                rows = runs.size();
            }
            Arrays.sort(times);
            Arrays.sort(pageTimes);
            double median = times[ROUNDS / 2];
            worst = Math.max(worst, median);
            report.info("  filter " + (q[0] == null ? "(none)" : q[0]) + ", order " + (q[1] == null ? "(default)" : q[1]),
                    ExperimentsBenchmark.fmt(median) + " ms median of " + ROUNDS + " (page " + ExperimentsBenchmark.fmt(pageTimes[ROUNDS / 2])
                            + " ms + count; " + rows + " rows of " + total + "; range " + ExperimentsBenchmark.fmt(times[0]) + ".."
                            + ExperimentsBenchmark.fmt(times[ROUNDS - 1]) + " ms)");
        }
        report.check("filter + sort, page of " + page + " + count (worst median)", worst, "ms", TARGET_MS, "< 100 ms");
    }
}
