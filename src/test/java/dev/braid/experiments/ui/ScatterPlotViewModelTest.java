package dev.braid.experiments.ui;

import static dev.braid.experiments.ui.PlotRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.RunSummary;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class ScatterPlotViewModelTest {
    private final List<RunSummary> all = List.of(
            run("a", Map.of("lr", "0.1", "model", "xgb"), Map.of("rmse", 0.5, "auc", 0.7)),
            run("b", Map.of("lr", "0.3", "model", "lgbm"), Map.of("rmse", 0.25, "auc", 0.9)),
            run("c", Map.of("lr", "0.2", "model", "xgb"), Map.of("rmse", 0.3)),
            run("d", Map.of("lr", "0.2", "model", "linear"), Map.of("auc", 0.8)));
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList(all);
    private final SimpleObjectProperty<RunSummary> selected = new SimpleObjectProperty<>();
    private final ScatterPlotViewModel model = new ScatterPlotViewModel(PlotColumns.of(all), runs, selected::set, selected);

    private ScatterPoint point(String runId) {
        return model.dataProperty().get().points().stream().filter(p -> p.run().runId().equals(runId)).findFirst().orElseThrow();
    }

    @Test
    void startsWithTheFirstDifferingParamAgainstTheFirstMetricColouredByTheNextParam() {
        assertEquals(RunColumn.param("lr"), model.xProperty().get());
        assertEquals(RunColumn.metric("auc"), model.yProperty().get());
        assertEquals(RunColumn.param("model"), model.colourProperty().get());
    }

    @Test
    void placesRunsByTheirScaledValuesAndLeavesOutRunsWithoutBoth() {
        model.chooseY(RunColumn.metric("rmse"));
        model.chooseColour(null);
        assertEquals(List.of("a", "b", "c"), model.dataProperty().get().points().stream().map(p -> p.run().runId()).toList());
        assertEquals(0.0, point("a").x(), 1e-9);
        assertEquals(1.0, point("a").y(), 1e-9);
        assertEquals(1.0, point("b").x(), 1e-9);
        assertEquals(0.0, point("b").y(), 1e-9);
        assertEquals(0.5, point("c").x(), 1e-9);
        assertEquals(0.2, point("c").y(), 1e-9);
        assertEquals("3 runs · 1 without both values", model.statusProperty().get());
        assertTrue(model.dataProperty().get().legend().none());
    }

    @Test
    void runsOfOneCategorySpreadWithinTheirBandTheSameWayEveryTime() {
        model.chooseX(RunColumn.param("model"));
        model.chooseY(RunColumn.metric("rmse"));
        double band = 1 / 3.0;
        for (String id : List.of("a", "c")) {
            double x = point(id).x();
            assertTrue(x > 2 * band + band * 0.19 && x < 3 * band - band * 0.19, id + " at " + x);
        }
        double again = ScatterPlotViewModel.place(PlotAxis.of(RunColumn.param("model"), all), 0, all.get(0));
        assertEquals(point("a").x(), again, 0);
    }

    @Test
    void aNumericColourColumnGivesEachPointItsPlaceOnTheGradient() {
        model.chooseColour(RunColumn.metric("rmse"));
        assertEquals(1.0, point("a").shade(), 1e-9);
        assertEquals(0.0, point("b").shade(), 1e-9);
        assertTrue(Double.isNaN(point("d").shade()), "d has no rmse");
        assertEquals(-1, point("a").category());
        ColourLegend legend = model.dataProperty().get().legend();
        assertTrue(legend.gradient());
        assertEquals("metrics.rmse", legend.title());
        assertEquals("0.25", legend.low());
        assertEquals("0.5", legend.high());
    }

    @Test
    void aCategoricalColourColumnGivesEachCategoryItsPaletteSlot() {
        model.chooseColour(RunColumn.param("model"));
        assertEquals(List.of("lgbm", "linear", "xgb"), model.dataProperty().get().legend().categories());
        assertEquals(2, point("a").category());
        assertEquals(0, point("b").category());
        assertEquals(1, point("d").category());
        assertTrue(Double.isNaN(point("a").shade()));
        assertEquals("xgb", point("a").colourText());
    }

    @Test
    void followsTheRunsTheComparisonShows() {
        runs.setAll(all.subList(0, 2));
        assertEquals(2, model.dataProperty().get().points().size());
        assertEquals(0.0, point("a").x(), 1e-9);
        assertEquals(1.0, point("b").x(), 1e-9);
    }

    @Test
    void clickingAPointSelectsItsRun() {
        assertNull(selected.get());
        model.select(point("b"));
        assertSame(all.get(1), model.selectedRunProperty().get());
    }
}
