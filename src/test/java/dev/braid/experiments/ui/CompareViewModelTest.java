package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.RunSummary;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareViewModelTest {
    @TempDir
    Path tmp;
    private ExperimentRows rows;
    private CompareViewModel compare;

    @BeforeEach
    void open() throws Exception {
        rows = ExperimentRows.churn(tmp);
        rows.history("r1", "rmse", 0.9, 0.3);
        rows.history("r2", "rmse", 0.8, 0.25);
        rows.history("r3", "rmse", 0.7, 0.5);
        ExperimentsViewModel experiments = new ExperimentsViewModel(rows.context().experiments(), CommitLinks.NONE,
                new ImmediateTaskRunner(), ZoneOffset.UTC);
        experiments.refresh();
        List<RunSummary> churn = experiments.runs().stream().filter(r -> r.experimentName().equals("churn")).toList();
        compare = experiments.compare(churn);
    }

    @AfterEach
    void close() {
        rows.context().close();
    }

    private int axis(String id) {
        return compare.parallel().axes().stream().map(RunColumn::id).toList().indexOf(id);
    }

    @Test
    void brushingNarrowsTheTableTheChartAndTheScatterPlot() {
        assertEquals(List.of("linear-run", "lgbm-run", "xgb-run"), compare.runNames());
        compare.plot().chooseMetric("rmse");
        assertEquals(3, compare.plot().series().size());

        // rmse: lgbm 0.25, xgb 0.30, linear 0.50; keep the lower half.
        compare.parallel().brush(axis("metrics.rmse"), 0, 0.4);

        assertEquals(List.of("lgbm-run", "xgb-run"), compare.runNames());
        CompareRow rmse = compare.rows().stream().filter(r -> r.label().equals("metrics.rmse")).findFirst().orElseThrow();
        assertEquals(List.of("0.25", "0.3"), rmse.values());
        assertEquals(0, rmse.best());
        assertEquals(List.of("lgbm-run", "xgb-run"), compare.plot().series().stream().map(PlotSeries::name).toList());
        assertEquals(2, compare.scatter().dataProperty().get().points().size());
        assertEquals("Showing 2 of 3 runs (brushed in Parallel coordinates)", compare.filterNoteProperty().get());

        compare.showDifferencesOnly(true);
        assertTrue(compare.rows().stream().noneMatch(r -> r.label().equals("tags.team")), "both are ml-core");

        compare.clearBrushes();
        assertEquals(3, compare.runNames().size());
        assertEquals(3, compare.plot().series().size());
        assertEquals("", compare.filterNoteProperty().get());
        assertTrue(compare.rows().stream().anyMatch(r -> r.label().equals("tags.team")));
    }

    @Test
    void aRunClickedInTheScatterPlotIsSelectedInTheComparison() {
        assertNull(compare.selectedRunProperty().get());
        ScatterPoint point = compare.scatter().dataProperty().get().points().get(0);
        compare.scatter().select(point);
        assertSame(point.run(), compare.selectedRunProperty().get());
    }
}
