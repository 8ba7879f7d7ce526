package dev.braid.experiments.ui;

import dev.braid.experiments.ExperimentKey;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.TaskRunner;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * Stars on runs and experiments, saved in the cache. A run's star shows at once: the loaded rows
 * are not re-read, the change is remembered until the next query replaces them. Starred
 * experiments have their metric histories fetched after each sync.
 */
public final class RunStars {
    private final ExperimentService service;
    private final TaskRunner runner;
    private final Consumer<String> report;
    private final Map<String, Boolean> runChanges = new HashMap<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final ObservableSet<ExperimentKey> experiments = FXCollections.observableSet();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableSet<ExperimentKey> experimentsView = FXCollections.unmodifiableObservableSet(experiments);

    RunStars(ExperimentService service, TaskRunner runner, Consumer<String> report) {
        this.service = service;
        this.runner = runner;
        this.report = report;
    }

    public boolean isStarred(RunSummary run) {
        return runChanges.getOrDefault(RunTree.key(run), run.starred());
    }

    /** Grows by one whenever a run's star changes, so that the rows on screen are drawn again. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Stars the run, or takes its star away. */
    public void toggle(RunSummary run) {
        boolean star = !isStarred(run);
        runner.run(() -> {
            service.setRunStarred(run.sourceId(), run.runId(), star);
            return star;
        }, done -> {
            runChanges.put(RunTree.key(run), star);
            revision.set(revision.get() + 1);
        }, failure -> report.accept("Could not " + (star ? "star " : "unstar ") + RunFormats.runLabel(run) + ": "
                + dev.braid.sync.PlainErrors.describe(failure)));
    }

    /** The starred experiments. */
    public ObservableSet<ExperimentKey> experiments() {
        return experimentsView;
    }

    public boolean isStarred(ExperimentEntry entry) {
        return experiments.contains(ExperimentKey.of(entry.experiment()));
    }

    /** Stars the experiment (its metric histories are fetched after each sync), or takes its star away. */
    public void toggle(ExperimentEntry entry) {
        ExperimentKey key = ExperimentKey.of(entry.experiment());
        boolean star = !experiments.contains(key);
        runner.run(() -> {
            service.setExperimentStarred(key, star);
            return star;
        }, done -> {
            if (star) {
                experiments.add(key);
                report.accept("Starred " + entry.experiment().name() + ": its metric histories are fetched after each sync.");
            } else {
                experiments.remove(key);
            }
        }, failure -> report.accept("Could not star " + entry.experiment().name() + ": " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    void showExperimentStars(Set<ExperimentKey> starred) {
        experiments.retainAll(starred);
        experiments.addAll(starred);
    }

    /** The rows were read again: they carry their stars themselves. */
    void forgetChanges() {
        runChanges.clear();
    }
}
