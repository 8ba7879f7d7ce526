package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.dvc.DvcComparison;
import dev.braid.pipelines.dvc.DvcRunComparisons;
import dev.braid.ui.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Params and metrics tab of a DVC run: its commit's params and metrics side by side with those
 * of the DVC run before it, in {@code dvc params diff} / {@code dvc metrics diff} tables (every
 * key, changed or not). Follows the run on display; other runs and a first run say why nothing shows.
 */
public final class DvcCompareViewModel {
    private final RunTabLoader<DvcRunComparisons> loader;
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "Choose a DVC run.");
    private final ReadOnlyStringWrapper params = new ReadOnlyStringWrapper(this, "params", "");
    private final ReadOnlyStringWrapper metrics = new ReadOnlyStringWrapper(this, "metrics", "");

    DvcCompareViewModel(TaskRunner runner, ReadOnlyObjectProperty<PipelineRunDetail> detail) {
        this.loader = new RunTabLoader<>(runner, detail, this::load);
    }

    /** Where comparisons come from (git at both runs' commits); shows the current run's at once. */
    public void setComparisons(DvcRunComparisons comparisons) {
        loader.setSource(comparisons);
    }

    /** Which two commits are compared, or why nothing is. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** The params table, as {@code dvc params diff --all} prints it. */
    public ReadOnlyStringProperty paramsProperty() {
        return params.getReadOnlyProperty();
    }

    /** The metrics table, as {@code dvc metrics diff --all} prints it. */
    public ReadOnlyStringProperty metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    private void load(PipelineRunDetail run, DvcRunComparisons from) {
        params.set("");
        metrics.set("");
        if (run == null || !PipelineService.DVC_KIND.equals(run.run().sourceKind())) {
            heading.set("Params and metrics are compared for DVC pipeline runs.");
            return;
        }
        if (from == null) {
            heading.set("Params and metrics are read from indexed repositories; none is available here.");
            return;
        }
        heading.set("Reading params and metrics…");
        loader.read(() -> from.withPrevious(run.run()), found -> {
            if (found.isEmpty()) {
                heading.set("The repository of " + run.run().source() + " is no longer indexed.");
            } else if (found.get().previous() == null) {
                heading.set("The first DVC run of " + run.run().source() + ": no run before it to compare with.");
            } else {
                heading.set("Commit " + found.get().previous().sha().substring(0, 8) + " (the DVC run before, "
                        + found.get().previous().title() + ") beside " + run.run().sha().substring(0, 8));
                params.set(table(found.get().params(), "params"));
                metrics.set(table(found.get().metrics(), "metrics"));
            }
        }, failure -> heading.set("Could not compare params and metrics: " + failure.getMessage()));
    }

    private static String table(DvcComparison comparison, String what) {
        String table = comparison.table(true);
        String notes = comparison.notes().isEmpty() ? "" : "\n" + String.join("\n", comparison.notes());
        return (table.isEmpty() ? "No " + what + " files at either commit." : table) + notes;
    }
}
