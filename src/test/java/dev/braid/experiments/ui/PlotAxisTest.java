package dev.braid.experiments.ui;

import static dev.braid.experiments.ui.PlotRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.RunSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlotAxisTest {
    private final List<RunSummary> runs = List.of(
            run("a", Map.of("lr", "0.1", "model", "xgb", "depth", "3"), Map.of("rmse", 0.5)),
            run("b", Map.of("lr", "0.3", "model", "lgbm", "depth", "None"), Map.of("rmse", 0.25)),
            run("c", Map.of("lr", " 0.2 ", "model", "linear"), Map.of()),
            run("d", Map.of("lr", "0.1", "model", "xgb", "depth", "7"), Map.of("rmse", 0.3)));

    @Test
    void numericParamsAreScaledBetweenTheirMinimumAndMaximum() {
        PlotAxis lr = PlotAxis.of(RunColumn.param("lr"), runs);
        assertFalse(lr.categorical());
        assertEquals(0.1, lr.min(), 1e-12);
        assertEquals(0.3, lr.max(), 1e-12);
        assertEquals(0.0, lr.position(0), 1e-9);
        assertEquals(1.0, lr.position(1), 1e-9);
        assertEquals(0.5, lr.position(2), 1e-9);
        assertEquals(0.2, lr.valueAt(0.5), 1e-9);
    }

    @Test
    void metricsMissingFromARunLeaveAGap() {
        PlotAxis rmse = PlotAxis.of(RunColumn.metric("rmse"), runs);
        assertEquals(1.0, rmse.position(0), 1e-9);
        assertEquals(0.0, rmse.position(1), 1e-9);
        assertTrue(Double.isNaN(rmse.position(2)));
        assertEquals(0.2, rmse.position(3), 1e-9);
    }

    @Test
    void wordsMakeAColumnCategoricalWithSortedEvenlySpacedValues() {
        PlotAxis model = PlotAxis.of(RunColumn.param("model"), runs);
        assertTrue(model.categorical());
        assertEquals(List.of("lgbm", "linear", "xgb"), model.categories());
        assertEquals(1 / 6.0, model.position(1), 1e-9);
        assertEquals(3 / 6.0, model.position(2), 1e-9);
        assertEquals(5 / 6.0, model.position(0), 1e-9);
        assertEquals(model.position(0), model.position(3));
        assertEquals(2, model.category(0));
        assertEquals(List.of("lgbm", "linear", "xgb"), model.ticks(10).stream().map(PlotAxis.Tick::label).toList());
    }

    @Test
    void oneWordAmongNumbersMakesTheColumnCategorical() {
        PlotAxis depth = PlotAxis.of(RunColumn.param("depth"), runs);
        assertTrue(depth.categorical());
        assertEquals(List.of("3", "7", "None"), depth.categories());
        assertTrue(Double.isNaN(depth.position(2)), "run c has no depth");
    }

    @Test
    void aColumnWhereEveryRunAgreesSitsMidAxis() {
        PlotAxis same = PlotAxis.of(RunColumn.param("lr"), List.of(runs.get(0), runs.get(3)));
        assertEquals(0.5, same.position(0), 1e-9);
        assertEquals(List.of(new PlotAxis.Tick(0.5, "0.1")), same.ticks(5));
    }

    @Test
    void numericTicksAreRoundNumbersInsideTheRange() {
        PlotAxis lr = PlotAxis.of(RunColumn.param("lr"), runs);
        List<PlotAxis.Tick> ticks = lr.ticks(5);
        assertTrue(ticks.size() >= 3, ticks.toString());
        assertTrue(ticks.stream().allMatch(t -> t.position() >= -1e-9 && t.position() <= 1 + 1e-9), ticks.toString());
        assertEquals("0.10", ticks.get(0).label());
        assertEquals(0.0, ticks.get(0).position(), 1e-9);
    }

    @Test
    void paramsReadAsNumbersOnlyWhenTheyArePlainDecimals() {
        assertEquals(1e-4, PlotColumns.parse("1e-4"), 0);
        assertEquals(-3, PlotColumns.parse(" -3 "), 0);
        for (String word : new String[] {"None", "nan", "Infinity", "3f", "0x1p3", "", "1.2.3"}) {
            assertTrue(Double.isNaN(PlotColumns.parse(word)), word);
        }
    }

    @Test
    void choicesAreMetricsParamsOwnTagsThenAttributes() {
        RunSummary tagged = new RunSummary(9, 1, "t", "1", "churn", "t-run", "ada", "FINISHED", 0L, 120_000L, null, null,
                Map.of("lr", "1"), Map.of("auc", 0.9), Map.of("team", "core", "mlflow.user", "ada"));
        List<String> ids = PlotColumns.of(List.of(tagged)).stream().map(RunColumn::id).toList();
        assertEquals(List.of("metrics.auc", "params.lr", "tags.team", "status", "user", "experiment", "commit", "duration"), ids);
        assertEquals(2.0, PlotColumns.number(tagged, RunColumn.of(RunColumn.Kind.DURATION)), 1e-9);
    }
}
