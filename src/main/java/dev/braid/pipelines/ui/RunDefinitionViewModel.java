package dev.braid.pipelines.ui;

import dev.braid.pipelines.DefinitionOverlay;
import dev.braid.pipelines.PipelineDag;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.RunDefinitions;
import dev.braid.ui.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Definition tab of a run: the pipeline definition at the run's commit, read from the indexed
 * repository, with the run's statuses laid over it. Follows the run on display; without a
 * repository holding the commit (or before the window gave it {@link RunDefinitions}) it says why.
 */
public final class RunDefinitionViewModel {
    private final RunTabLoader<RunDefinitions> loader;
    private final ReadOnlyObjectWrapper<PipelineDag> dag = new ReadOnlyObjectWrapper<>(this, "dag");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "Choose a run.");

    RunDefinitionViewModel(TaskRunner runner, ReadOnlyObjectProperty<PipelineRunDetail> detail) {
        this.loader = new RunTabLoader<>(runner, detail, this::load);
    }

    /** Where definitions come from (git at the run's commit); shows the current run's at once. */
    public void setDefinitions(RunDefinitions definitions) {
        loader.setSource(definitions);
    }

    /** The definition's jobs with the run's statuses; null when there is none to show. */
    public ReadOnlyObjectProperty<PipelineDag> dagProperty() {
        return dag.getReadOnlyProperty();
    }

    /** Which file at which commit, how much of it the run ran, what was left out, or why nothing shows. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    private void load(PipelineRunDetail run, RunDefinitions from) {
        dag.set(null);
        if (run == null) {
            note.set("Choose a run.");
            return;
        }
        if (from == null) {
            note.set("Definitions are read from indexed repositories; none is available here.");
            return;
        }
        note.set("Reading the definition at " + shortSha(run) + "…");
        loader.read(() -> from.of(run), found -> {
            dag.set(found.map(DefinitionOverlay::dag).orElse(null));
            note.set(found.map(DefinitionOverlay::summary).orElse(run.run().sha() == null ? "This run names no commit."
                    : "No indexed repository holds commit " + shortSha(run) + " with a " + run.run().sourceKind()
                    + " definition; add the repository to see the pipeline as it was defined."));
        }, failure -> note.set("Could not read the definition at " + shortSha(run) + ": " + failure.getMessage()));
    }

    private static String shortSha(PipelineRunDetail run) {
        String sha = run.run().sha();
        return sha == null ? "?" : sha.substring(0, Math.min(10, sha.length()));
    }
}
