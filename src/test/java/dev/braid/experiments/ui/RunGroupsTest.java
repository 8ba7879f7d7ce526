package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.GroupStats;
import dev.braid.experiments.RunGroupKey;
import dev.braid.experiments.RunSummary;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class RunGroupsTest {
    private static RunSummary run(String id, Map<String, String> params, Map<String, Double> metrics) {
        return new RunSummary(id.hashCode(), 1, id, "1", "churn", id, "ada", "FINISHED", 0L, 0L, null, null,
                params, metrics, Map.of("team", id.startsWith("x") ? "core" : "edge"));
    }

    private final List<RunSummary> runs = List.of(
            run("x1", Map.of("model", "xgb", "depth", "10"), Map.of("rmse", 0.3, "acc", 0.8)),
            run("l1", Map.of("model", "lgbm", "depth", "2"), Map.of("rmse", 0.25)),
            run("x2", Map.of("model", "xgb", "depth", "2"), Map.of("rmse", 0.5, "acc", Double.NaN)),
            run("n1", Map.of(), Map.of("rmse", 0.9)));

    @Test
    void groupsByAParamWithMinMaxAndMeanOfEachMetric() {
        List<RunGroup> groups = RunGroups.group(runs, RunColumn.param("model")::keyedValue, List.of("rmse", "acc"));

        assertEquals(List.of("lgbm", "xgb", "(none)"), groups.stream().map(RunGroup::label).toList());
        RunGroup xgb = groups.get(1);
        assertEquals(List.of("x1", "x2"), xgb.runs().stream().map(RunSummary::runId).toList());
        assertEquals(new GroupStats(2, 0.3, 0.5, 0.4), xgb.metrics().get("rmse"));
        assertEquals(new GroupStats(1, 0.8, 0.8, 0.8), xgb.metrics().get("acc"), "NaN is ignored");
        assertNull(groups.get(0).metrics().get("acc"), "a metric no run of the group logged is absent");
        assertNull(groups.get(2).value());
    }

    @Test
    void numericValuesAreOrderedAsNumbers() {
        List<RunGroup> groups = RunGroups.group(runs, RunColumn.param("depth")::keyedValue, List.of());

        assertEquals(List.of("2", "10", "(none)"), groups.stream().map(RunGroup::label).toList());
        assertTrue(RunGroups.compareValues("9", "abc") < 0);
    }

    @Test
    void theGroupingFollowsTheRunsAndSummarisesTheShownMetricColumns() {
        ObservableList<RunSummary> loaded = FXCollections.observableArrayList(runs);
        ColumnChoice columns = new ColumnChoice();
        RunGrouping grouping = new RunGrouping(loaded, columns, (by, metrics, done) -> done.accept(
                RunGroups.statsOf(loaded, column(by)::groupValues, metrics)));
        assertTrue(grouping.groups().isEmpty());
        assertEquals(List.of("datasets", "params.depth", "params.model", "tags.team"),
                grouping.choices().stream().map(RunColumn::id).toList());
        assertEquals(List.of("acc", "rmse"), grouping.metrics(), "with no metric column, the runs' metrics");

        grouping.groupBy(RunColumn.tag("team"));
        columns.setShown(RunColumn.metric("rmse"), true);
        assertEquals(List.of("rmse"), grouping.metrics());
        assertEquals(List.of("core", "edge"), grouping.groups().stream().map(RunGroup::label).toList());
        assertEquals(0.25, grouping.groups().get(1).metrics().get("rmse").min());

        loaded.remove(1);
        assertEquals(0.9, grouping.groups().get(1).metrics().get("rmse").min());
        grouping.groupBy(null);
        assertTrue(grouping.groups().isEmpty());
    }

    /** The loaded runs stand for the whole query here: the cache's statistics worked out in memory. */
    private static RunColumn column(RunGroupKey by) {
        return switch (by.kind()) {
            case PARAM -> RunColumn.param(by.key());
            case TAG -> RunColumn.tag(by.key());
            case DATASETS -> RunColumn.of(RunColumn.Kind.DATASETS);
        };
    }

    @Test
    void meansAreRoundedForReading() {
        assertEquals("0.275", RunFormats.rounded((0.25 + 0.3) / 2));
        assertEquals("12", RunFormats.rounded(12.0));
    }
}
