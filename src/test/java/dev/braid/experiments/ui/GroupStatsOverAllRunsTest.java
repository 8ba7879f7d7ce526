package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.braid.experiments.GroupStats;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group statistics cover every run the filter and the chosen experiments match, not only the page
 * loaded: 450 runs in the chosen experiment (and 30 in another), pages of 200, checked against
 * the same statistics worked out here from the runs as they were written.
 */
class GroupStatsOverAllRunsTest {
    private static final int RUNS = 450;
    private static final String[] MODELS = {"xgb", "lgbm", "linear"};
    @TempDir
    Path tmp;
    private ExperimentRows rows;
    private ExperimentsViewModel model;

    @BeforeEach
    void open() throws Exception {
        rows = new ExperimentRows(tmp);
        rows.experiment("1", "big");
        rows.experiment("2", "other");
        for (int i = 0; i < RUNS; i++) {
            Map<String, String> params = model(i) == null ? Map.of() : Map.of("model", model(i));
            rows.run("1", "r" + i, "run-" + i, 1_000_000L + i, null, params, Map.of("rmse", rmse(i), "acc", acc(i)),
                    Map.of("team", i % 2 == 0 ? "core" : "edge"));
            if (i % 4 == 0) {
                rows.dataset("r" + i, "customers", "0123456789abcdef", "training");
            }
            if (i % 6 == 0) {
                rows.dataset("r" + i, "holdout", "fedcba9876543210", "eval");
            }
        }
        for (int i = 0; i < 30; i++) {
            rows.run("2", "o" + i, "other-" + i, 5_000_000L + i, null, Map.of("model", "xgb"),
                    Map.of("rmse", 100.0, "acc", 0.9), Map.of());
        }
        model = new ExperimentsViewModel(rows.context().experiments(), CommitLinks.NONE, new ImmediateTaskRunner(), ZoneOffset.UTC);
        model.refresh();
        model.selectExperiments(List.of(model.experiments().stream().filter(e -> e.label().startsWith("big")).findFirst()
                .orElseThrow()));
        model.columns().setShown(RunColumn.metric("rmse"), true);
    }

    @AfterEach
    void close() {
        rows.context().close();
    }

    private static String model(int i) {
        return i % 10 == 0 ? null : MODELS[i % 3];
    }

    /** NaN for every 13th run: left out of the statistics. */
    private static double rmse(int i) {
        return i % 13 == 0 ? Double.NaN : (i % 17) / 10.0 + i / 1000.0;
    }

    private static double acc(int i) {
        return (i % 5) / 5.0;
    }

    @Test
    void groupsByAParamCoverEveryMatchingRunAndFollowTheFilter() {
        model.applyFilter("metrics.acc > 0.3");
        assertEquals(ExperimentsViewModel.PAGE_SIZE, model.runs().size(), "only the first page is loaded");
        assertEquals(270, model.totalProperty().get());

        model.grouping().groupBy(RunColumn.param("model"));
        assertGroups(expected(i -> acc(i) > 0.3, i -> model(i) == null ? List.of() : List.of(model(i))));
        assertEquals(ExperimentsViewModel.PAGE_SIZE,
                model.grouping().groups().stream().mapToInt(g -> g.runs().size()).sum(), "the loaded runs, each in its group");

        model.applyFilter("");
        assertGroups(expected(i -> true, i -> model(i) == null ? List.of() : List.of(model(i))));
    }

    @Test
    void groupsByDatasetsAndTagsCoverEveryMatchingRun() {
        model.grouping().groupBy(RunColumn.of(RunColumn.Kind.DATASETS));
        assertGroups(expected(i -> true, i -> {
            List<String> used = new ArrayList<>();
            if (i % 4 == 0) {
                used.add("customers@01234567");
            }
            if (i % 6 == 0) {
                used.add("holdout@fedcba98");
            }
            return used;
        }));

        model.applyFilter("params.model = 'lgbm'");
        model.grouping().groupBy(RunColumn.tag("team"));
        assertGroups(expected(i -> "lgbm".equals(model(i)), i -> List.of(i % 2 == 0 ? "core" : "edge")));
    }

    /** Counts and rmse statistics per value (null last) of the runs of "big" that {@code keep} keeps. */
    private static Map<String, Object[]> expected(java.util.function.IntPredicate keep, IntFunction<List<String>> values) {
        Map<String, List<Integer>> byValue = new TreeMap<>();
        List<Integer> without = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            if (!keep.test(i)) {
                continue;
            }
            List<String> of = values.apply(i);
            if (of.isEmpty()) {
                without.add(i);
            }
            for (String value : of) {
                byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Object[]> out = new LinkedHashMap<>();
        byValue.forEach((value, runs) -> out.put(value, summary(runs)));
        if (!without.isEmpty()) {
            out.put("(none)", summary(without));
        }
        return out;
    }

    private static Object[] summary(List<Integer> runs) {
        List<Double> numbers = runs.stream().map(GroupStatsOverAllRunsTest::rmse).filter(v -> !v.isNaN()).toList();
        double sum = numbers.stream().mapToDouble(Double::doubleValue).sum();
        return new Object[] {(long) runs.size(), numbers.size(), numbers.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                numbers.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), sum / numbers.size()};
    }

    private void assertGroups(Map<String, Object[]> expected) {
        List<RunGroup> groups = model.grouping().groups();
        assertEquals(new ArrayList<>(expected.keySet()), groups.stream().map(RunGroup::label).toList());
        for (RunGroup group : groups) {
            Object[] want = expected.get(group.label());
            assertEquals(want[0], group.count(), group.label());
            GroupStats rmse = group.metrics().get("rmse");
            assertEquals(want[1], rmse.count(), group.label());
            assertEquals((double) want[2], rmse.min(), 1e-12, group.label());
            assertEquals((double) want[3], rmse.max(), 1e-12, group.label());
            assertEquals((double) want[4], rmse.mean(), 1e-9, group.label());
            assertNull(group.metrics().get("absent"));
        }
    }
}
