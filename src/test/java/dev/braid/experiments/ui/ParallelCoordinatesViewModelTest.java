package dev.braid.experiments.ui;

import static dev.braid.experiments.ui.PlotRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParallelCoordinatesViewModelTest {
    private final List<RunSummary> all = List.of(
            run("a", Map.of("lr", "0.1", "model", "xgb", "seed", "1"), Map.of("rmse", 0.5)),
            run("b", Map.of("lr", "0.3", "model", "lgbm", "seed", "1"), Map.of("rmse", 0.25)),
            run("c", Map.of("lr", "0.2", "model", "xgb", "seed", "1"), Map.of("rmse", 0.3)),
            run("d", Map.of("lr", "0.2", "model", "linear", "seed", "1"), Map.of()));
    private final ParallelCoordinatesViewModel model = new ParallelCoordinatesViewModel(all);

    private List<String> brushed() {
        return model.brushedRuns().stream().map(RunSummary::runId).toList();
    }

    private List<String> kept() {
        boolean[] kept = model.dataProperty().get().kept();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            if (kept[i]) {
                ids.add(all.get(i).runId());
            }
        }
        return ids;
    }

    private int axis(String id) {
        return model.axes().stream().map(RunColumn::id).toList().indexOf(id);
    }

    @Test
    void startsWithTheParamsThatDifferThenTheMetrics() {
        assertEquals(List.of("params.lr", "params.model", "metrics.rmse"), model.axes().stream().map(RunColumn::id).toList());
        assertEquals(List.of("metrics.rmse", "params.lr", "params.model", "params.seed"),
                model.columns().stream().map(RunColumn::id).toList());
        assertEquals(List.of("a", "b", "c", "d"), brushed());
    }

    @Test
    void aBrushKeepsOnlyTheRunsInsideItsRange() {
        model.brush(axis("params.lr"), 0.4, 1.0);
        assertEquals(List.of("b", "c", "d"), brushed());
        assertEquals(3, model.dataProperty().get().keptCount());
        assertEquals("3 of 4 runs inside the brushes", model.statusProperty().get());
    }

    @Test
    void aBrushDraggedUpwardsIsTheSameRange() {
        model.brush(axis("params.lr"), 0.6, 0.4);
        assertEquals(List.of("c", "d"), brushed());
        assertEquals(new ParallelCoordinatesViewModel.Brush(0.4, 0.6), model.dataProperty().get().brushes().get(axis("params.lr")));
    }

    @Test
    void runsMustLieInsideEveryBrushAndRunsWithoutAValueOnABrushedAxisFallOut() {
        model.brush(axis("params.lr"), 0.4, 1.0);
        model.brush(axis("metrics.rmse"), 0.0, 0.5);
        assertEquals(List.of("b", "c"), brushed());
    }

    @Test
    void aBrushOnACategoricalAxisKeepsTheCategoriesItCovers() {
        // lgbm, linear, xgb sit at 1/6, 3/6, 5/6.
        model.brush(axis("params.model"), 0.7, 0.9);
        assertEquals(List.of("a", "c"), brushed());
    }

    @Test
    void aPreviewDimsRunsButFiltersTheComparisonOnlyWhenLetGo() {
        List<List<String>> published = new ArrayList<>();
        model.brushedRuns().addListener((javafx.collections.ListChangeListener<RunSummary>) c -> published.add(brushed()));
        model.previewBrush(axis("params.lr"), 0.9, 1.0);
        model.previewBrush(axis("params.lr"), 0.0, 0.1);
        assertEquals(List.of("a"), kept());
        assertEquals(List.of(), published);
        model.brush(axis("params.lr"), 0.0, 0.1);
        assertEquals(List.of(List.of("a")), published);
    }

    @Test
    void clearingABrushOrRemovingItsAxisShowsTheRunsAgain() {
        model.brush(axis("params.lr"), 0.4, 1.0);
        model.brush(axis("metrics.rmse"), 0.0, 0.5);
        model.clearBrush(axis("metrics.rmse"));
        assertNull(model.dataProperty().get().brushes().get(axis("metrics.rmse")));
        assertEquals(List.of("b", "c", "d"), brushed());
        model.setAxisShown(RunColumn.param("lr"), false);
        assertFalse(model.axes().contains(RunColumn.param("lr")));
        assertEquals(List.of("a", "b", "c", "d"), brushed());
        model.setAxisShown(RunColumn.param("lr"), true);
        assertEquals(RunColumn.param("lr"), model.axes().get(model.axes().size() - 1));
        assertTrue(model.dataProperty().get().brushes().stream().allMatch(java.util.Objects::isNull));
    }

    @Test
    void clearBrushesShowsEveryRun() {
        model.brush(axis("params.model"), 0.0, 0.2);
        assertEquals(List.of("b"), brushed());
        model.clearBrushes();
        assertEquals(List.of("a", "b", "c", "d"), brushed());
    }

    @Test
    void fiveHundredRunsOnTwentyAxesBrushQuickly() {
        List<RunSummary> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Map<String, String> params = new HashMap<>();
            Map<String, Double> metrics = new HashMap<>();
            for (int k = 0; k < 10; k++) {
                params.put("p" + k, Integer.toString((i * (k + 3)) % 97));
                metrics.put("m" + k, Math.sin(i * (k + 1)));
            }
            many.add(run("r" + i, params, metrics));
        }
        ParallelCoordinatesViewModel big = new ParallelCoordinatesViewModel(many);
        big.columns().stream().filter(c -> !big.axes().contains(c)).forEach(c -> big.setAxisShown(c, true));
        assertEquals(20, big.axes().size());
        long start = System.nanoTime();
        for (int step = 0; step < 100; step++) {
            big.previewBrush(3, 0.2, 0.2 + step / 200.0);
        }
        big.brush(3, 0.2, 0.7);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int inside = (int) many.stream().filter(r -> {
            double p = Double.parseDouble(r.params().get(big.axes().get(3).key()));
            double lo = big.dataProperty().get().axes().get(3).min();
            double hi = big.dataProperty().get().axes().get(3).max();
            double position = (p - lo) / (hi - lo);
            return position >= 0.2 && position <= 0.7;
        }).count();
        assertEquals(inside, big.brushedRuns().size());
        assertTrue(millis < 2_000, "100 brush moves took " + millis + " ms");
    }
}
