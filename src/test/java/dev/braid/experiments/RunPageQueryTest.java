package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.filter.MetricLead;
import dev.braid.experiments.filter.RunFilter;
import dev.braid.experiments.filter.RunOrder;
import dev.braid.experiments.filter.SqlFragment;
import dev.braid.experiments.filter.ValueLead;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of runs ordered by a metric is read from the metric's index; it must equal the first
 * rows of the same listing without a limit, which sorts every run by the plain ORDER BY.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPageQueryTest {
    private static final int RUNS = 400;
    private Database db;
    private ExperimentService service;

    @BeforeAll
    void fill(@TempDir Path tmp) throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        SourceStore sources = new SourceStore(db, Clock.systemUTC());
        service = new ExperimentService(db, sources, new MlflowConnector(Map.of(), Duration.ofSeconds(1)), Clock.systemUTC());
        Random random = new Random(5);
        db.write(c -> {
            Source source = sources.insert(c, ExperimentService.KIND, "local", Map.of("uri", "http://127.0.0.1:1"));
            Source other = sources.insert(c, ExperimentService.KIND, "other", Map.of("uri", "http://127.0.0.1:2"));
            ExperimentStore store = new ExperimentStore();
            for (Source s : List.of(source, other)) {
                store.upsertExperiment(c, new Experiment(s.id(), "1", "train", null, "active", 0L, 0L, Map.of()));
                store.upsertExperiment(c, new Experiment(s.id(), "2", "tune", null, "active", 0L, 0L, Map.of()));
            }
            for (int i = 0; i < RUNS; i++) {
                List<LatestMetric> metrics = new ArrayList<>();
                int kind = random.nextInt(10);
                if (kind < 6) {
                    // Few distinct values, so equal values and their tie-break are common.
                    metrics.add(new LatestMetric("loss", (double) random.nextInt(12) / 4 - 1, 0, 0));
                } else if (kind < 8) {
                    metrics.add(new LatestMetric("loss", null, 0, 0));
                }
                metrics.add(new LatestMetric("acc", random.nextDouble(), 0, 0));
                Map<String, String> params = new LinkedHashMap<>();
                if (random.nextInt(5) > 0) {
                    params.put("lr", String.valueOf(random.nextInt(4)));
                }
                Map<String, String> tags = Map.of("team", random.nextBoolean() ? "vision" : "nlp");
                long start = random.nextInt(3) == 0 ? 1000 : 1000 + random.nextInt(50);
                String lifecycle = random.nextInt(25) == 0 ? "deleted" : "active";
                Source owner = random.nextInt(4) == 0 ? other : source;
                store.upsertRun(c, owner.id(), new RemoteRun(String.format("run-%04d", random.nextInt(10_000)) + i,
                        random.nextBoolean() ? "1" : "2", "r" + i, "u", "FINISHED", start, start + 5, lifecycle, null,
                        params, metrics, tags, List.of()), 0);
            }
            // MLflow keeps a tag's value nullable: such runs sort with the runs lacking the tag.
            try (var st = c.createStatement()) {
                st.executeUpdate("UPDATE run_tags SET value = NULL WHERE key = 'team' AND run_pk % 11 = 0");
            }
            return null;
        });
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Test
    void aPageOrderedByAMetricIsThePrefixOfTheFullOrder() throws Exception {
        assertPagesArePrefixes(List.of("metrics.loss", "metrics.loss DESC", "metrics.loss ASC", "metrics.`loss` DESC",
                "metrics.acc DESC", "metrics.absent DESC"));
    }

    @Test
    void aPageOrderedByAParamOrTagIsThePrefixOfTheFullOrder() throws Exception {
        assertPagesArePrefixes(List.of("params.lr", "params.lr DESC", "params.`lr` ASC", "tags.team DESC",
                "tags.team ASC", "params.absent DESC",
                "tags.absent"));
    }

    private void assertPagesArePrefixes(List<String> orders) throws Exception {
        List<String> filters = List.of("", "params.lr = '1'", "tags.team = 'nlp' OR metrics.acc > 0.5",
                "metrics.loss > 0", "metrics.loss < 100");
        for (String order : orders) {
            for (String filter : filters) {
                for (String source : new String[] {null, "local"}) {
                    for (List<String> experiments : List.of(List.<String>of(), List.of("tune"))) {
                        List<String> all = ids(new RunQuery(source, experiments, filter, order, 0));
                        assertFalse(all.isEmpty(), filter);
                        for (int limit : new int[] {1, 7, 50, all.size() - 1, all.size(), all.size() + 10}) {
                            if (limit <= 0) {
                                continue;
                            }
                            List<String> page = ids(new RunQuery(source, experiments, filter, order, limit));
                            assertEquals(all.subList(0, Math.min(limit, all.size())), page,
                                    order + " / " + filter + " / " + source + " / " + experiments + " / limit " + limit);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theNumbersNaNAndMissingGroupsComeInMlflowsOrder() throws Exception {
        List<RunSummary> page = service.runs(new RunQuery(null, List.of(), null, "metrics.loss DESC", RUNS));
        int group = 0;
        Double previous = null;
        for (RunSummary run : page) {
            int now = !run.metrics().containsKey("loss") ? 2 : run.metrics().get("loss") == null ? 1 : 0;
            assertTrue(now >= group, "numbers, then NaN, then missing: " + run);
            if (now == 0 && previous != null) {
                assertTrue(run.metrics().get("loss") <= previous);
            }
            previous = now == 0 ? run.metrics().get("loss") : previous;
            group = now;
        }
        assertEquals(2, group);
    }

    @Test
    void thePageIsReadFromTheMetricIndexWithoutSortingEveryRun() throws Exception {
        List<String> orders = List.of("metrics.loss DESC", "metrics.loss", "metrics.loss DESC, params.lr");
        for (String order : orders) {
            MetricLead lead = RunOrder.parse(List.of(order.split(", "))).metricLead().orElseThrow();
            SqlFragment scope = RunFilter.parse("tags.team = 'nlp' AND metrics.acc > 0.2").perRun();
            String sql = "EXPLAIN QUERY PLAN " + RunPageQuery.numbersSql(scope, lead, 50);
            List<Object> args = RunPageQuery.numbersArgs(scope, lead);
            String plan = db.read(c -> {
                StringBuilder out = new StringBuilder();
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    for (int i = 0; i < args.size(); i++) {
                        st.setObject(i + 1, args.get(i));
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.append(rs.getString(4)).append('\n');
                        }
                    }
                }
                return out.toString();
            });
            checkPlan(plan);
        }
    }

    @Test
    void aPageOrderedByAParamIsReadFromItsIndexWithoutSortingEveryRun() throws Exception {
        for (String order : List.of("params.lr", "params.lr DESC", "tags.team DESC, metrics.acc")) {
            ValueLead lead = RunOrder.parse(List.of(order.split(", "))).valueLead().orElseThrow();
            SqlFragment scope = new SqlFragment("r.lifecycle_stage = 'active' AND s.name = ?", List.of("local"));
            SqlFragment matches = RunFilter.parse("tags.team = 'nlp' AND metrics.acc > 0.2").runSet();
            String plan = plan(RunPageQuery.valuesSql(scope, matches, lead, 50), RunPageQuery.valuesArgs(scope, matches, lead));
            assertTrue(plan.startsWith("SEARCH m USING COVERING INDEX " + lead.table() + "_by_key (key=? AND value>?)"), plan);
            assertFalse(plan.contains("USE TEMP B-TREE FOR ORDER BY"), "no sort of every row:\n" + plan);
            assertTrue(plan.contains("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY")
                    || plan.contains("USE TEMP B-TREE FOR LAST"), "only ties are sorted:\n" + plan);
        }
    }

    /** The outermost steps of the plan (the filter's set query sorts its own lists to merge them). */
    private String plan(String sql, List<Object> args) {
        return db.read(c -> {
            StringBuilder out = new StringBuilder();
            try (PreparedStatement st = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 0; i < args.size(); i++) {
                    st.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt(2) == 0) {
                            out.append(rs.getString(4)).append('\n');
                        }
                    }
                }
            }
            return out.toString();
        });
    }

    private static void checkPlan(String plan) {
        assertTrue(plan.startsWith("SEARCH m USING COVERING INDEX run_metrics_by_key (key=? AND value>?)"), plan);
        assertFalse(plan.contains("USE TEMP B-TREE FOR ORDER BY"), "no sort of every row:\n" + plan);
        assertTrue(plan.contains("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY")
                || plan.contains("USE TEMP B-TREE FOR LAST"), "only ties are sorted:\n" + plan);
    }

    private List<String> ids(RunQuery query) throws ExperimentException {
        return service.runs(query).stream().map(RunSummary::runId).toList();
    }
}
